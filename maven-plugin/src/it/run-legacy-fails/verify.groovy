def log = new File(basedir, 'build.log').text
assert log.contains('faultline: a scenario did not pass (FAIL or UNKNOWN)')
def result = new File(basedir, 'target/faultline/result.json')
assert result.isFile() : 'no result.json'
assert result.text.contains('"kind" : "SILENT_LOSS"')
