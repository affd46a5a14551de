def result = new File(basedir, 'target/faultline/result.json')
assert result.isFile() : 'no result.json'
assert result.text.contains('"verdict" : "PASS"')
assert new File(basedir, 'target/faultline/report.html').isFile()
assert new File(basedir, 'build.log').text.contains('BUILD SUCCESS')
