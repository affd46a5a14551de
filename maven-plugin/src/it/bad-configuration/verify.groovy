def log = new File(basedir, 'build.log').text
assert log.contains('set exactly one of <adapter> (a provider\'s name) and <adapterCommand> (a program), not both')
assert !new File(basedir, 'target/faultline/result.json').exists()
