/* Internal face of RasEnumDevices: the built-in loopback port's name (shared
 * with the dialing side, which routes it to the simulator) and a test hook
 * that points the serial-port scan at a fake sysfs tree. */
#ifndef RAS_LIB_DEVICES_H
#define RAS_LIB_DEVICES_H

/* RAS_LOOPBACK_DEVICE_NAME: RasEnumDevices reports it as a RASDT_Modem. */
#include "common/loopback.h"

/* Tests only: scan ROOT/class/tty instead of /sys/class/tty. NULL restores
 * /sys. The string is borrowed (the caller keeps it alive while set). Not
 * thread-safe: set it before calling RasEnumDevicesA. */
void ras_devices_set_sysfs_root(const char *root);

#endif
