/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Initializer macros as include/linux/pm.h spells them.  This header is
 * outside the samples' PATHs and the samples tree has no include/linux,
 * so the facts pass knows these only from the fallback list in
 * roots-kernel.txt.
 */
#ifndef FACTS_PM_H
#define FACTS_PM_H

struct dev_pm_ops {
	int (*suspend)(void *dev);
	int (*resume)(void *dev);
	int (*runtime_suspend)(void *dev);
	int (*runtime_resume)(void *dev);
	int (*runtime_idle)(void *dev);
};

#define SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) \
	.suspend = suspend_fn, \
	.resume = resume_fn,
#define RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn) \
	.runtime_suspend = suspend_fn, \
	.runtime_resume = resume_fn, \
	.runtime_idle = idle_fn,
#define SET_RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn) \
	RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn)
#define SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) \
	SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn)
#define EXPORT_SYMBOL_GPL(sym) extern int __export_##sym

#endif
