/* The name of the built-in loopback device, in one place: libras lists it
 * (RasEnumDevices) and rasmand's loopback port answers to it, so both
 * include this. */
#ifndef RAS_COMMON_LOOPBACK_H
#define RAS_COMMON_LOOPBACK_H

/* The built-in simulated modem + ISP (DESIGN.md "loopback port"). An entry
 * whose szDeviceName is this string dials the simulator, never a serial
 * line. */
#define RAS_LOOPBACK_DEVICE_NAME "loopback"

#endif
