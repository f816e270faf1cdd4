// SPDX-License-Identifier: GPL-2.0
/*
 * One helper reached from more entry points than the call graph keeps
 * contexts for (ipr_reset_ioa_job): the interrupt handler calls it under
 * the device lock, sixty-four work items call it with no lock.  The
 * sixty-fifth path must be folded into one the graph keeps; folded into
 * the handler's, the handler's store would read "holds no lock", which
 * is not what the code does.  It belongs with another unlocked path.
 */
#include "../include/kshim.h"

struct cf_dev {
	spinlock_t		lock;
	struct work_struct	work[64];
	unsigned int		kicked:1;
	unsigned int		parked:1;
};

static struct cf_dev *cf_dev;

static void cf_kick(struct cf_dev *d)
{
	d->kicked = 1;
}

static int cf_irq(int irq, void *data)
{
	struct cf_dev *d = data;

	spin_lock(&d->lock);
	cf_kick(d);
	d->parked = 0;
	spin_unlock(&d->lock);
	return 1;
}

static void cf_work0(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work1(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work2(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work3(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work4(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work5(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work6(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work7(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work8(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work9(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work10(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work11(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work12(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work13(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work14(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work15(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work16(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work17(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work18(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work19(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work20(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work21(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work22(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work23(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work24(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work25(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work26(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work27(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work28(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work29(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work30(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work31(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work32(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work33(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work34(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work35(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work36(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work37(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work38(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work39(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work40(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work41(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work42(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work43(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work44(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work45(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work46(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work47(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work48(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work49(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work50(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work51(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work52(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work53(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work54(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work55(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work56(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work57(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work58(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work59(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work60(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work61(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work62(struct work_struct *w)
{
	cf_kick(cf_dev);
}

static void cf_work63(struct work_struct *w)
{
	cf_kick(cf_dev);
}

int cf_probe(struct cf_dev *d)
{
	int err = request_irq(1, cf_irq, 0, "cf", d);

	INIT_WORK(&d->work[0], cf_work0);
	INIT_WORK(&d->work[1], cf_work1);
	INIT_WORK(&d->work[2], cf_work2);
	INIT_WORK(&d->work[3], cf_work3);
	INIT_WORK(&d->work[4], cf_work4);
	INIT_WORK(&d->work[5], cf_work5);
	INIT_WORK(&d->work[6], cf_work6);
	INIT_WORK(&d->work[7], cf_work7);
	INIT_WORK(&d->work[8], cf_work8);
	INIT_WORK(&d->work[9], cf_work9);
	INIT_WORK(&d->work[10], cf_work10);
	INIT_WORK(&d->work[11], cf_work11);
	INIT_WORK(&d->work[12], cf_work12);
	INIT_WORK(&d->work[13], cf_work13);
	INIT_WORK(&d->work[14], cf_work14);
	INIT_WORK(&d->work[15], cf_work15);
	INIT_WORK(&d->work[16], cf_work16);
	INIT_WORK(&d->work[17], cf_work17);
	INIT_WORK(&d->work[18], cf_work18);
	INIT_WORK(&d->work[19], cf_work19);
	INIT_WORK(&d->work[20], cf_work20);
	INIT_WORK(&d->work[21], cf_work21);
	INIT_WORK(&d->work[22], cf_work22);
	INIT_WORK(&d->work[23], cf_work23);
	INIT_WORK(&d->work[24], cf_work24);
	INIT_WORK(&d->work[25], cf_work25);
	INIT_WORK(&d->work[26], cf_work26);
	INIT_WORK(&d->work[27], cf_work27);
	INIT_WORK(&d->work[28], cf_work28);
	INIT_WORK(&d->work[29], cf_work29);
	INIT_WORK(&d->work[30], cf_work30);
	INIT_WORK(&d->work[31], cf_work31);
	INIT_WORK(&d->work[32], cf_work32);
	INIT_WORK(&d->work[33], cf_work33);
	INIT_WORK(&d->work[34], cf_work34);
	INIT_WORK(&d->work[35], cf_work35);
	INIT_WORK(&d->work[36], cf_work36);
	INIT_WORK(&d->work[37], cf_work37);
	INIT_WORK(&d->work[38], cf_work38);
	INIT_WORK(&d->work[39], cf_work39);
	INIT_WORK(&d->work[40], cf_work40);
	INIT_WORK(&d->work[41], cf_work41);
	INIT_WORK(&d->work[42], cf_work42);
	INIT_WORK(&d->work[43], cf_work43);
	INIT_WORK(&d->work[44], cf_work44);
	INIT_WORK(&d->work[45], cf_work45);
	INIT_WORK(&d->work[46], cf_work46);
	INIT_WORK(&d->work[47], cf_work47);
	INIT_WORK(&d->work[48], cf_work48);
	INIT_WORK(&d->work[49], cf_work49);
	INIT_WORK(&d->work[50], cf_work50);
	INIT_WORK(&d->work[51], cf_work51);
	INIT_WORK(&d->work[52], cf_work52);
	INIT_WORK(&d->work[53], cf_work53);
	INIT_WORK(&d->work[54], cf_work54);
	INIT_WORK(&d->work[55], cf_work55);
	INIT_WORK(&d->work[56], cf_work56);
	INIT_WORK(&d->work[57], cf_work57);
	INIT_WORK(&d->work[58], cf_work58);
	INIT_WORK(&d->work[59], cf_work59);
	INIT_WORK(&d->work[60], cf_work60);
	INIT_WORK(&d->work[61], cf_work61);
	INIT_WORK(&d->work[62], cf_work62);
	INIT_WORK(&d->work[63], cf_work63);
	return err;
}
