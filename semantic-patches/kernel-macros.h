/*
 * Parse hints for spatch (--macro-file): kernel constructs spatch 1.1.1
 * cannot parse on its own.  Without them the enclosing function or
 * struct fails to parse and is dropped without a word.
 */
#define scoped_guard(_name, args...) for (;;)
#define scoped_cond_guard(_name, _fail, args...) for (;;)
/* C11: a qualifier spatch 1.1.1 does not parse in a declaration */
#define _Atomic
#define __guarded_by(x)
#define __pt_guarded_by(x)
#define __must_hold(x)
#define __must_hold_shared(x)
#define __acquires(x)
#define __releases(x)
#define __randomize_layout
#define __no_randomize_layout
#define __aligned(x)
#define __packed
#define __cacheline_aligned
#define ____cacheline_aligned
#define ____cacheline_aligned_in_smp
#define __cacheline_aligned_in_smp
/* List walks: a loop over siblings; braceless bodies need the hint. */
#define list_for_each_entry(pos, head, member) for (;;)
#define list_for_each_entry_safe(pos, n, head, member) for (;;)
#define list_for_each_entry_reverse(pos, head, member) for (;;)
#define list_for_each_entry_continue(pos, head, member) for (;;)
#define list_for_each_entry_rcu(pos, head, member, args...) for (;;)
#define hlist_for_each_entry(pos, head, member) for (;;)
#define hlist_for_each_entry_safe(pos, n, head, member) for (;;)
/*
 * Initializer macros written one after the other with no comma between
 * them do not parse as calls; expanded, they are designators again.
 */
#define SET_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) .suspend = suspend_fn, .resume = resume_fn,
#define SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) .suspend = suspend_fn, .resume = resume_fn,
#define SET_LATE_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) .suspend_late = suspend_fn, .resume_early = resume_fn,
#define LATE_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) .suspend_late = suspend_fn, .resume_early = resume_fn,
#define SET_NOIRQ_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) .suspend_noirq = suspend_fn, .resume_noirq = resume_fn,
#define NOIRQ_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) .suspend_noirq = suspend_fn, .resume_noirq = resume_fn,
#define SET_RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn) .runtime_suspend = suspend_fn, .runtime_resume = resume_fn, .runtime_idle = idle_fn,
#define RUNTIME_PM_OPS(suspend_fn, resume_fn, idle_fn) .runtime_suspend = suspend_fn, .runtime_resume = resume_fn, .runtime_idle = idle_fn,
