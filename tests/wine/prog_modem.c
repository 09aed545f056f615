/* The Windows side of the end-to-end test (test_wine_modem.c): dials a
 * modem entry with its saved credentials through RasDialW, reads the IP
 * projection real pppd gave, and waits at a probe while the runner pings
 * pppd through the link; then hangs up. argv[1]: the entry; argv[2]: the
 * RasDial result expected (0, or 716 where no tun can be made). */
#include "wt.h"

#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
    if (!wt_ok(argc == 3, "the runner names the entry and the result expected"))
        return wt_done();
    RASDIALPARAMSW p;
    BOOL has_password = FALSE;
    HRASCONN h = NULL;
    memset(&p, 0, sizeof(p));
    p.dwSize = sizeof(p);
    MultiByteToWideChar(CP_ACP, 0, argv[1], -1, p.szEntryName, RAS_MaxEntryName + 1);
    wt_eq(RasGetEntryDialParamsW(NULL, &p, &has_password), 0, "RasGetEntryDialParamsW");
    wt_ok(has_password, "the entry's password is saved");
    DWORD want = (DWORD)strtoul(argv[2], NULL, 10);
    DWORD rc = RasDialW(NULL, NULL, &p, 0, NULL, &h);
    SecureZeroMemory(p.szPassword, sizeof(p.szPassword));
    wt_eq(rc, want, "RasDialW through the modem to pppd");
    RASPPPIPW ip;
    DWORD cb = sizeof(ip);
    memset(&ip, 0, sizeof(ip));
    ip.dwSize = sizeof(ip);
    if (h && wt_eq(RasGetProjectionInfoW(h, RASP_PppIp, &ip, &cb), 0, "RasGetProjectionInfoW")) {
        wt_ok(lstrcmpW(ip.szIpAddress, L"10.0.0.2") == 0, "pppd gave us %s",
              wt_u8(ip.szIpAddress));
        wt_ok(lstrcmpW(ip.szServerIpAddress, L"10.0.0.1") == 0, "pppd is %s",
              wt_u8(ip.szServerIpAddress));
    }
    if (rc == 0)
        wt_probe("connected");    /* the runner pings through the link now */
    if (h) {
        wt_eq(RasHangUpW(h), 0, "RasHangUpW");
        wt_ok(wt_wait_gone(h, 10000), "the handle is gone");
    }
    return wt_done();
}
