assert new File(basedir, 'target/baselines/reference/sustained-load.json').isFile() : 'no baseline recorded'
assert new File(basedir, 'target/faultline-gate/result.json').isFile() : 'the gate wrote no result'
assert new File(basedir, 'build.log').text.contains('BUILD SUCCESS')
