#!/bin/sh
# samples/dpm/vcore: a subsystem core outside the PATH (vcore.c) calls the
# driver's ops.  What the core holds counts at its dispatch sites: the
# runtime-PM reference it takes through vc_pm_get()/vc_pm_put() (a pair
# guarded by one condition, learned by the lock summaries, which read the
# core too), the lock at X->ops->f(...) itself, and the call binds to the
# driver's static function.  ->close_device() called from the bind ioctl's
# error path stays a teardown op: no run-time path reaches vd_close_device.
. "$(dirname "$0")/lib.sh"

test_expect_success 'build the driver with DWARF' '
	${CC:-cc} -g -O2 -c -o vdrv.o "$SAMPLES/dpm/vcore/drv/vdrv.c"
'

# The call of vc_pm_put() leads to no candidate write: its locks are not
# analysed ("-"), the get held at vd_ioctl() shows the pair.
test_expect_success 'facts: the conditional get/put pair is a wrapper pair' '
	bitsplit facts -q --tree "$SAMPLES" --layout vdrv.o dpm/vcore/drv >facts &&
	grep "^call" facts | cut -f 4- >actual &&
	cat >expect <<-\EOT &&
	vc_fops_unl_ioctl	vc_bind	-
	vc_fops_unl_ioctl	vc_pm_get	-
	vc_fops_unl_ioctl	vd_ioctl	runtime_pm:r@wrapper=vc_pm_get	dpm/vcore/drv/vdrv.c
	vc_fops_unl_ioctl	vc_pm_put	-
	EOT
	test_cmp expect actual
'

test_expect_success 'facts: the lock taken around X->ops->f() is held at the call' '
	sed "s/^	ret = device->ops->ioctl(device, cmd);$/	mutex_lock(\&device->dev_set_lock);\n&\n	mutex_unlock(\&device->dev_set_lock);/" \
		"$SAMPLES/dpm/vcore/vcore.c" >vcore.c &&
	mkdir -p t/dpm/vcore/drv t/include &&
	cp "$SAMPLES/include/kshim.h" t/include/ &&
	cp "$SAMPLES/dpm/vcore/vcore.h" t/dpm/vcore/ &&
	mv vcore.c t/dpm/vcore/ &&
	cp "$SAMPLES/dpm/vcore/drv/vdrv.c" t/dpm/vcore/drv/ &&
	bitsplit facts -q --tree t --layout vdrv.o dpm/vcore/drv >facts2 &&
	grep "^call.*	vd_ioctl	" facts2 | cut -f 6 >actual &&
	echo "runtime_pm:r@wrapper=vc_pm_get,vc_device.dev_set_lock:w@lexical" >expect &&
	test_cmp expect actual
'

test_expect_success 'check: only (engaged, armed) races; reset is teardown' '
	bitsplit check --tree "$SAMPLES" --layout vdrv.o --facts facts dpm/vcore/drv >out;
	test $? = 1 &&
	grep -E "^    (proven-race|setup-only) +moves|^      reset " out >actual &&
	cat >expect <<-\EOT &&
	    proven-race moves armed
	    setup-only  moves engaged, armed, masked
	      reset              teardown dpm/vcore/drv/vdrv.c:52  vd_close_device, from close_device: vd_close_device
	EOT
	test_cmp expect actual
'

test_expect_success 'check: engaged holds the core'"'"'s runtime-PM reference' '
	grep -A2 "^      runtime  dpm/vcore/drv/vdrv.c:38" out | tail -2 >actual &&
	cat >expect <<-\EOT &&
	               from unlocked_ioctl: vc_fops_unl_ioctl -> vd_ioctl
	               holds memory_lock (taken here), a runtime-PM reference (held by a caller on this path)
	EOT
	test_cmp expect actual
'

test_done
