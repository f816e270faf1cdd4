/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Just enough of the kernel's vocabulary for the samples to compile in
 * user space with "gcc -g -c" (so pahole sees real DWARF) and to read like
 * driver code to Coccinelle.  Lock functions are declarations only.
 */
#ifndef KSHIM_H
#define KSHIM_H

#include <stdbool.h>
#include <stddef.h>

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef int s32;

struct mutex { int owner; };
struct rw_semaphore { int count; };
typedef struct { int rlock; } spinlock_t;
typedef struct { int rwlock; } rwlock_t;
struct list_head { struct list_head *next, *prev; };
struct work_struct { void (*func)(struct work_struct *work); };
struct notifier_block { int (*notifier_call)(struct notifier_block *nb, unsigned long action, void *data); };

void mutex_lock(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
void down_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
void spin_lock_irq(spinlock_t *lock);
void spin_unlock_irq(spinlock_t *lock);
#define spin_lock_irqsave(lock, flags) do { (flags) = 0; spin_lock(lock); } while (0)
#define spin_unlock_irqrestore(lock, flags) do { (void)(flags); spin_unlock(lock); } while (0)
void lockdep_assert_held(const void *lock);
struct device;
int pm_runtime_resume_and_get(struct device *dev);
void pm_runtime_put(struct device *dev);
void lockdep_assert_held_write(const void *lock);
int spin_trylock(spinlock_t *lock);
void read_lock(rwlock_t *lock);
void read_unlock(rwlock_t *lock);
void write_lock(rwlock_t *lock);
void write_unlock(rwlock_t *lock);

typedef int (*irq_handler_t)(int irq, void *data);
int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *data);
#define INIT_WORK(w, fn) ((w)->func = (fn))
void schedule_work(struct work_struct *work);

/* cleanup.h: the lock is held until the end of the enclosing scope. */
#define guard(type) guard_##type
#define guard_mutex(l) mutex_lock(l)
#define guard_rwsem_write(l) down_write(l)
#define guard_rwsem_read(l) down_read(l)
#define guard_spinlock(l) spin_lock(l)
#define scoped_guard(type, l) for (guard_##type(l); ; )

#define __must_hold(x)
/* Clang context analysis; the samples only need it to read like one. */
#define __guarded_by(x)
#define __init
#define __exit
#define module_init(fn) int (*__initcall_##fn)(void) = fn
#define module_exit(fn) void (*__exitcall_##fn)(void) = fn

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define list_for_each_entry(pos, head, member)				\
	for (pos = container_of((head)->next, __typeof__(*pos), member); \
	     &pos->member != (head);					\
	     pos = container_of(pos->member.next, __typeof__(*pos), member))

#define BIT(n) (1U << (n))

#define __packed __attribute__((__packed__))
#define __randomize_layout
#define static_assert _Static_assert

#endif
