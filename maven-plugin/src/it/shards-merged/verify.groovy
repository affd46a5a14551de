def one = new File(basedir, 'target/shard-1/result.json').text
def two = new File(basedir, 'target/shard-2/result.json').text
// each scenario in exactly one shard
assert (one.contains('"scenario" : "eperm-rename"')) != (two.contains('"scenario" : "eperm-rename"'))
assert (one.contains('"scenario" : "multi-writer"')) != (two.contains('"scenario" : "multi-writer"'))
def merged = new File(basedir, 'target/faultline-merged/report.html')
assert merged.isFile() : 'no merged report'
assert merged.text.contains('eperm-rename') && merged.text.contains('multi-writer')
