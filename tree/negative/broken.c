#include "quiet.h"

void broken_set(struct quiet_dev *qdev)
{
qdev->has_msi = 1;
}

int broken_parse(struct quiet_dev *qdev)
{
qdev->is_virtfn = = 1;
return 0;
}
