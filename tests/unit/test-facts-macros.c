// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "facts.h"
#include "parse_options.h"
#include "unit.h"
#include "util.h"

/*
 * The shapes of include/linux/pm.h, sysfs.h and device.h in Linux 6.12.  Not
 * every field is a function pointer (.name, .mode): the facts pass makes a
 * root only of an argument that names a defined function.
 */
static const char pm_h[] =
	"#define pm_sleep_ptr(_ptr) PTR_IF(IS_ENABLED(CONFIG_PM_SLEEP), (_ptr))\n"
	"#define SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) \\\n"
	"\t.suspend = pm_sleep_ptr(suspend_fn), \\\n"
	"\t.resume = pm_sleep_ptr(resume_fn), /* comment */ \\\n"
	"\t.freeze = pm_sleep_ptr(suspend_fn),\n"
	"#define RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn) \\\n"
	"\t.runtime_suspend = suspend_fn, \\\n"
	"\t.runtime_resume = resume_fn, \\\n"
	"\t.runtime_idle = idle_fn,\n"
	"#ifdef CONFIG_PM\n"
	"#define SET_RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn) \\\n"
	"\tRUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn)\n"
	"#else\n"
	"#define SET_RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn)\n"
	"#endif\n"
	"#define _DEFINE_DEV_PM_OPS(name, suspend_fn, resume_fn, \\\n"
	"\t\t\truntime_suspend_fn, runtime_resume_fn, idle_fn) \\\n"
	"const struct dev_pm_ops name = { \\\n"
	"\tSYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) \\\n"
	"\tRUNTIME_PM_OPS(runtime_suspend_fn, runtime_resume_fn, idle_fn) \\\n"
	"}\n"
	"#define DEFINE_RUNTIME_DEV_PM_OPS(name, suspend_fn, resume_fn, idle_fn) \\\n"
	"\t_DEFINE_DEV_PM_OPS(name, pm_runtime_force_suspend, \\\n"
	"\t\t\t   pm_runtime_force_resume, suspend_fn, \\\n"
	"\t\t\t   resume_fn, idle_fn)\n"
	/* A statement macro: a member store, not a designator. */
	"#define INIT_THING(t, f) do { (t).func = (f); } while (0)\n"
	"#define __ATTR(_name, _mode, _show, _store) {\t\t\t\t\\\n"
	"\t.attr = {.name = __stringify(_name),\t\t\t\t\\\n"
	"\t\t .mode = VERIFY_OCTAL_PERMISSIONS(_mode) },\t\t\\\n"
	"\t.show\t= _show,\t\t\t\t\t\t\\\n"
	"\t.store\t= _store,\t\t\t\t\t\t\\\n"
	"}\n"
	"#define __ATTR_RW(_name) __ATTR(_name, 0644, _name##_show, _name##_store)\n"
	"#define DEVICE_ATTR_RW(_name) \\\n"
	"\tstruct device_attribute dev_attr_##_name = __ATTR_RW(_name)\n";

static const char learned[] =
	"macro\tDEFINE_RUNTIME_DEV_PM_OPS\t1\truntime_suspend\t%\n"
	"macro\tDEFINE_RUNTIME_DEV_PM_OPS\t2\truntime_resume\t%\n"
	"macro\tDEFINE_RUNTIME_DEV_PM_OPS\t3\truntime_idle\t%\n"
	"macro\tDEVICE_ATTR_RW\t0\tname\t%\n"
	"macro\tDEVICE_ATTR_RW\t0\tshow\t%_show\n"
	"macro\tDEVICE_ATTR_RW\t0\tstore\t%_store\n"
	"macro\tRUNTIME_PM_OPS\t0\truntime_suspend\t%\n"
	"macro\tRUNTIME_PM_OPS\t1\truntime_resume\t%\n"
	"macro\tRUNTIME_PM_OPS\t2\truntime_idle\t%\n"
	"macro\tSET_RUNTIME_PM_OPS\t0\truntime_suspend\t%\n"
	"macro\tSET_RUNTIME_PM_OPS\t1\truntime_resume\t%\n"
	"macro\tSET_RUNTIME_PM_OPS\t2\truntime_idle\t%\n"
	"macro\tSYSTEM_SLEEP_PM_OPS\t0\tsuspend\t%\n"
	"macro\tSYSTEM_SLEEP_PM_OPS\t1\tresume\t%\n"
	"macro\tSYSTEM_SLEEP_PM_OPS\t0\tfreeze\t%\n"
	"macro\t_DEFINE_DEV_PM_OPS\t1\tsuspend\t%\n"
	"macro\t_DEFINE_DEV_PM_OPS\t2\tresume\t%\n"
	"macro\t_DEFINE_DEV_PM_OPS\t1\tfreeze\t%\n"
	"macro\t_DEFINE_DEV_PM_OPS\t3\truntime_suspend\t%\n"
	"macro\t_DEFINE_DEV_PM_OPS\t4\truntime_resume\t%\n"
	"macro\t_DEFINE_DEV_PM_OPS\t5\truntime_idle\t%\n"
	"macro\t__ATTR\t0\tname\t%\n"
	"macro\t__ATTR\t1\tmode\t%\n"
	"macro\t__ATTR\t2\tshow\t%\n"
	"macro\t__ATTR\t3\tstore\t%\n"
	"macro\t__ATTR_RW\t0\tname\t%\n"
	"macro\t__ATTR_RW\t0\tshow\t%_show\n"
	"macro\t__ATTR_RW\t0\tstore\t%_store\n";

int main(void)
{
	char dir[] = "/tmp/test-facts-macros.XXXXXX";
	struct opt_list files = { 0 };
	struct strbuf out = STRBUF_INIT;
	char *path;

	CHECK(mkdtemp(dir) != NULL, "a scratch tree");
	path = xstrfmt("%s/pm.h", dir);
	CHECK_INT(write_file_atomic(path, pm_h, strlen(pm_h)), 0, "write pm.h");
	opt_list_append(&files, "pm.h");
	opt_list_append(&files, "absent.h");
	facts_learn_macros(dir, &files, &out);
	CHECK_STR(out.buf, learned, "field mappings, through macros and ## pastes");
	remove_tree(dir);
	free(path);
	free(files.v);
	strbuf_release(&out);
	return unit_done();
}
