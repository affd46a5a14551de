def log = new File(basedir, 'build.log').text
assert log.contains('faultline: <params> writerz: no chosen scenario takes it')
assert !new File(basedir, 'target/faultline/result.json').exists()
