# SPDX-License-Identifier: GPL-2.0
# The Python the .cocci files share, outside spatch: semantic-patches/racy.py
# and lockvocab.py.  Run by tests/t1101-racy-module.sh.
import os
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "semantic-patches"))
import lockvocab  # noqa: E402
import racy  # noqa: E402

HDR = """struct dev {
	unsigned int a:1, b:1;	/* a, b: one location */
	int count;
	unsigned int c:1;	// c, d: the comment does not split them
#ifdef CONFIG_D
	unsigned int d:2;
#endif
	unsigned int :0;
	unsigned int e:1;
	struct {
		bool f:1;
		bool g:1;
	} in;
	u8 h:1;
	u8 i[2];
	u8 j:1;
	u8 :3;
	u8 k:1;
	void (*fn)(int x);
};
struct other { int x; };
struct lone { unsigned int only:1; int y; };
"""


def write(path, a, b, fn_a, fn_b, locks_a="-", locks_b="-", line=10):
	return [
		"write\tdev.c\t%d\t2\t%s\tdev\t%s\td\tself\t=\t1\tuntyped\t%s" % (line, fn_a, a, locks_a),
		"write\tdev.c\t%d\t2\t%s\tdev\t%s\td\tself\t=\t1\tuntyped\t%s" % (line + 1, fn_b, b, locks_b),
	]


class Locations(unittest.TestCase):
	def test_runs(self):
		locs = racy.locations("dev.h", HDR)
		self.assertEqual(sorted(locs), ["dev"])
		self.assertEqual(locs["dev"], [
			[("a", 2), ("b", 2)],
			[("c", 4), ("d", 6)],
			[("f", 11), ("g", 12)],
			[("j", 16), ("k", 18)],
		])

	def test_attribute_before_body(self):
		locs = racy.locations("x.h", "struct __attribute__((packed)) x;\n"
				      "struct s __randomize_layout {\n\tint a:1;\n\tint b:1;\n};\n")
		self.assertEqual(locs, {"s": [[("a", 3), ("b", 4)]]})

	def test_functions(self):
		src = ("static int foo(struct dev *d)\n{\n\treturn 0;\n}\n"
		       "int bar(void);\n"
		       "module_init(foo);\n"
		       "static void __init baz(int x,\n\t\tint y)\n{\n}\n")
		self.assertEqual(racy.functions_of(src), {"foo", "baz"})


class Run(unittest.TestCase):
	def test_args(self):
		argv = ["spatch", "-D", "report", "--cocci-file", "r.cocci", "--no-includes",
			"--dir", "drivers/x", "-I", "./include", "-I./arch/x86/include",
			"--include", "./include/linux/kconfig.h", "--jobs", "2", "one.c"]
		self.assertEqual(racy.spatch_args(argv),
				 (["drivers/x"], ["one.c"], ["./include", "./arch/x86/include"]))

	def test_headers(self):
		with tempfile.TemporaryDirectory() as d:
			os.makedirs(os.path.join(d, "inc", "linux"))
			os.makedirs(os.path.join(d, "drv"))
			for name, text in [("inc/linux/a.h", "#include <linux/b.h>\n"),
					   ("inc/linux/b.h", ""),
					   ("drv/local.h", "#include <linux/a.h>\n#include \"missing.h\"\n"),
					   ("drv/x.c", "#include \"local.h\"\n# include <linux/b.h>\n")]:
				with open(os.path.join(d, name), "w") as f:
					f.write(text)
			got = racy.headers_of(os.path.join(d, "drv", "x.c"), [os.path.join(d, "inc")])
			self.assertEqual([os.path.relpath(h, d) for h in got],
					 ["drv/local.h", "inc/linux/b.h", "inc/linux/a.h"])


class Races(unittest.TestCase):
	CANDS = {"dev": ("dev.h", [[("a", 2), ("b", 2)]])}

	def test_two_functions_no_lock(self):
		found = racy.races(write("dev.c", "a", "b", "f1", "f2"), self.CANDS)
		self.assertEqual(sorted(found), [("dev", "a"), ("dev", "b")])

	def test_common_lock(self):
		rows = write("dev.c", "a", "b", "f1", "f2", "dev.lock:w@lexical", "dev.lock:w@lexical")
		self.assertEqual(racy.races(rows, self.CANDS), {})

	def test_readers_do_not_exclude(self):
		rows = write("dev.c", "a", "b", "f1", "f2", "dev.sem:r@lexical", "dev.sem:r@lexical")
		self.assertEqual(len(racy.races(rows, self.CANDS)), 2)

	def test_different_locks(self):
		rows = write("dev.c", "a", "b", "f1", "f2", "dev.x:w@lexical", "dev.y:w@lexical")
		self.assertEqual(len(racy.races(rows, self.CANDS)), 2)

	def test_one_function(self):
		self.assertEqual(racy.races(write("dev.c", "a", "b", "f1", "f1"), self.CANDS), {})

	def test_setup_root_reaches_callee_in_another_file(self):
		rows = write("dev.c", "a", "b", "helper", "f2") + [
			"root\tmain.c\t3\tprobe_fn\tsetup\tprobe",
			"call\tmain.c\t5\tprobe_fn\thelper\t-",
		]
		self.assertEqual(racy.races(rows, self.CANDS), {})

	def test_caller_lock_reaches_callee(self):
		rows = write("dev.c", "a", "b", "helper", "f2", "-", "dev.lock:w@lexical") + [
			"root\tmain.c\t3\tioctl_fn\truntime\tioctl",
			"call\tmain.c\t5\tioctl_fn\thelper\tdev.lock:w@lexical",
		]
		self.assertEqual(racy.races(rows, self.CANDS), {})

	def test_one_unlocked_path_is_enough(self):
		rows = write("dev.c", "a", "b", "helper", "f2", "-", "dev.lock:w@lexical") + [
			"root\tmain.c\t3\tioctl_fn\truntime\tioctl",
			"call\tmain.c\t5\tioctl_fn\thelper\tdev.lock:w@lexical",
			"call\tmain.c\t6\tioctl_fn\thelper\t-",
		]
		self.assertEqual(sorted(racy.races(rows, self.CANDS)), [("dev", "a"), ("dev", "b")])

	def test_local_copy(self):
		rows = write("dev.c", "a", "b", "f1", "f2")
		rows[0] = rows[0].replace("\tself\t", "\tlocal\t")
		self.assertEqual(racy.races(rows, self.CANDS), {})

	def test_static_functions_of_two_files_are_two(self):
		rows = write("dev.c", "a", "b", "helper", "f2") + [
			"func\tdev.c\t1\thelper\t4\tstatic",
			"func\tother.c\t1\thelper\t4\tstatic",
			"root\tother.c\t3\tprobe_fn\tsetup\tprobe",
			"call\tother.c\t5\tprobe_fn\thelper\t-",
		]
		self.assertEqual(len(racy.races(rows, self.CANDS)), 2)

	def test_untyped_lock_is_its_member_path(self):
		rows = write("dev.c", "a", "b", "f1", "f2", "?vdev->set->lock:w@lockdep",
			     "?device->set->lock:w@lexical")
		self.assertEqual(racy.races(rows, self.CANDS), {})
		rows = write("dev.c", "a", "b", "f1", "f2", "?vdev->set->lock:w@lockdep",
			     "?device->other->lock:w@lexical")
		self.assertEqual(len(racy.races(rows, self.CANDS)), 2)

	def test_escaped_lock(self):
		self.assertEqual(racy.split_locks("a\\,b:w@lexical,c:r@guard"),
				 frozenset({("a,b", "w"), ("c", "r")}))


class Output(unittest.TestCase):
	def test_unwidth(self):
		self.assertEqual(racy.unwidth("\tbool\t\tx:1;", "x"), "\tbool\t\tx;")
		self.assertEqual(racy.unwidth("\tu8 a:1, b:1;", "b"), "\tu8 a:1, b;")
		self.assertEqual(racy.unwidth("\tu8 ab : 2;", "ab"), "\tu8 ab;")

	def test_hunks(self):
		lines = ["struct s {", "\tint x;", "\tu8 a:1;", "\tu8 b:1;", "\tint y;", "};"]
		self.assertEqual(racy.hunks(lines, {3: "\tu8 a;", 4: "\tu8 b;"}), [
			"@@ -1,6 +1,6 @@",
			" struct s {", " \tint x;", "-\tu8 a:1;", "-\tu8 b:1;",
			"+\tu8 a;", "+\tu8 b;", " \tint y;", " };"])

	def test_context_hunk_and_head(self):
		lines = ["static long dev_ioctl(struct dev *d, int cmd)"] + ["\tx;"] * 10 + ["\td->a = 1;"]
		self.assertEqual(racy.hunks(lines, {12: None}), [
			"@@ -9,4 +9,3 @@ static long dev_ioctl(struct dev *d, int",
			" \tx;", " \tx;", " \tx;", "-\td->a = 1;"])

	def test_later_hunks_start_after_the_deletions(self):
		lines = ["\tx%d;" % i for i in range(1, 21)]
		got = [h for h in racy.hunks(lines, {2: None, 3: None, 15: None}) if h.startswith("@@")]
		self.assertEqual(got, ["@@ -1,6 +1,4 @@", "@@ -12,7 +10,6 @@"])

	def test_field_position(self):
		w = racy.Write("write\tdev.c\t1\t2\tf\tdev\td\td\tself\t=\t1\tuntyped\t-".split("\t"))
		p = racy.field_pos(["\td->d = 3;"], w)
		self.assertEqual((p.line, p.column, p.column_end), ("1", "4", "5"))


class LockVocab(unittest.TestCase):
	def test_parse(self):
		e = lockvocab.parse("lock down_write w &@0->memory_lock how=wrapper id=s.m".split())
		self.assertEqual((e.name, e.action, e.mode, e.tmpl, e.how, e.defid),
				 ("down_write", "lock", "w", "&@0->memory_lock", "wrapper", "s.m"))
		self.assertIsNone(lockvocab.parse(["op", "probe", "setup"]))

	def test_lock_expr(self):
		e = lockvocab.parse("lock mutex_lock_nested w".split())
		args = lockvocab.call_args(["\tmutex_lock_nested(&d->lock, 1);"], 1, 18)
		self.assertEqual(args, ["&d->lock", "1"])
		self.assertEqual(lockvocab.lock_expr(e, args), "&d->lock")
		t = lockvocab.parse("lock zap w &@0->memory_lock".split())
		self.assertEqual(lockvocab.lock_expr(t, ["&v->core"]), "&v->core.memory_lock")
		self.assertEqual(lockvocab.template_args("&@0->memory_lock", "&v->memory_lock"), (0, "v"))


if __name__ == "__main__":
	unittest.main()
