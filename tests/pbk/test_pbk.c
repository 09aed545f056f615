/* The phonebook API over real files: Windows-written phonebooks load, a
 * file we only read or barely change is rewritten byte for byte, malformed
 * files are refused with file and line and never touched, sizes are
 * negotiated as on Windows, saved credentials stay out of the phonebook,
 * and every path survives each allocation failing in turn.
 * Run with --fault for the fault-injection sweeps only. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"
#include "openras.h"

#include "harness.h"
#include "common/alloc.h"
#include "lib/creds.h"
#include "lib/pbk_ini.h"
#include "lib/dial_resolve.h"
#include "lib/pbk_entry.h"
#include "lib/pbk_store.h"

/* A phonebook as Windows XP..10 writes one (ras-api.md section 5), with
 * keys we do not map, a NETCOMPONENTS block and an alternate number. */
static const char windows_pbk[] =
    "[Dial-up ISP]\r\n"
    "Encoding=1\r\n"
    "PBVersion=6\r\n"
    "Type=1\r\n"
    "AutoLogon=0\r\n"
    "UseRasCredentials=1\r\n"
    "DialParamsUID=28421609\r\n"
    "Guid=8A0D9E3F4C1B2A4D9E8F7A6B5C4D3E2F\r\n"
    "BaseProtocol=1\r\n"
    "VpnStrategy=0\r\n"
    "ExcludedProtocols=0\r\n"
    "LcpExtensions=1\r\n"
    "DataEncryption=8\r\n"
    "SwCompression=1\r\n"
    "DialMode=1\r\n"
    "OverridePref=15\r\n"
    "RedialAttempts=3\r\n"
    "RedialSeconds=60\r\n"
    "IdleDisconnectSeconds=900\r\n"
    "RedialOnLinkFailure=1\r\n"
    "CallbackMode=0\r\n"
    "CustomAuthKey=0\r\n"
    "AuthRestrictions=544\r\n"
    "IpPrioritizeRemote=1\r\n"
    "IpHeaderCompression=1\r\n"
    "IpAddress=0.0.0.0\r\n"
    "IpDnsAddress=192.0.2.53\r\n"
    "IpDns2Address=192.0.2.54\r\n"
    "IpWinsAddress=0.0.0.0\r\n"
    "IpWins2Address=0.0.0.0\r\n"
    "IpAssign=1\r\n"
    "IpNameAssign=2\r\n"
    "IpFrameSize=1006\r\n"
    "IpDnsSuffix=example.net\r\n"
    "ThirdPartyProfileInfo=0A0B0C\r\n"
    "ThirdPartyProfileInfo=0D0E0F\r\n"
    "\r\n"
    "NETCOMPONENTS=\r\n"
    "ms_server=1\r\n"
    "ms_msclient=1\r\n"
    "\r\n"
    "MEDIA=rastapi\r\n"
    "Port=COM1\r\n"
    "Device=Standard 56000 bps Modem\r\n"
    "ConnectBPS=115200\r\n"
    "\r\n"
    "DEVICE=modem\r\n"
    "PhoneNumber=5550100\r\n"
    "AreaCode=020\r\n"
    "CountryCode=44\r\n"
    "CountryID=44\r\n"
    "UseDialingRules=1\r\n"
    "Comment=\r\n"
    "FriendlyName=\r\n"
    "LastSelectedPhone=0\r\n"
    "PromoteAlternates=0\r\n"
    "TryNextAlternateOnFail=1\r\n"
    "PhoneNumber=5550199\r\n"
    "AreaCode=020\r\n"
    "HwFlowControl=1\r\n"
    "Protocol=1\r\n"
    "Compression=1\r\n"
    "Speaker=0\r\n"
    "\r\n"
    "[Office]\r\n"
    "Encoding=1\r\n"
    "Type=1\r\n"
    "BaseProtocol=1\r\n"
    "\r\n"
    "MEDIA=serial\r\n"
    "Port=COM2\r\n"
    "\r\n"
    "DEVICE=modem\r\n"
    "PhoneNumber=5550200\r\n"
    "\r\n";

static void
write_file(const char *path, const char *text, size_t n)
{
    FILE *f = fopen(path, "wb");
    REQUIRE(f != NULL);
    REQUIRE(fwrite(text, 1, n, f) == n);
    REQUIRE(fclose(f) == 0);
}

/* The file's bytes, malloc'd (not through the hooks: test-side memory). */
static char *
slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static bool
file_is(const char *path, const char *text, size_t n)
{
    size_t len;
    char *buf = slurp(path, &len);
    bool same = buf && len == n && memcmp(buf, text, n) == 0;
    free(buf);
    return same;
}

/* The fixed part of an entry; room is left for alternate numbers, which
 * follow the struct, but they are not returned. */
static void
get_entry(const char *book, const char *name, RASENTRYA *e, uint32_t want)
{
    static char buf[sizeof(RASENTRYA) + 1024];
    DWORD cb = sizeof(buf);
    RASENTRYA *full = (RASENTRYA *)buf;
    memset(buf, 0, sizeof(buf));
    full->dwSize = sizeof(*full);
    REQUIRE_EQ(RasGetEntryPropertiesA(book, name, full, &cb, NULL, NULL), want);
    memcpy(e, full, sizeof(*e));
}

static void
new_entry(RASENTRYA *e, const char *number)
{
    get_entry(th_pbk(), "", e, 0);
    snprintf(e->szLocalPhoneNumber, sizeof(e->szLocalPhoneNumber), "%s", number);
    snprintf(e->szDeviceName, sizeof(e->szDeviceName), "loopback");
}

static void
add(const char *name, const char *number)
{
    RASENTRYA e;
    new_entry(&e, number);
    REQUIRE_EQ(RasSetEntryPropertiesA(th_pbk(), name, &e, sizeof(e), NULL, 0), 0);
}

static bool
has_detail(const char *needle)
{
    char d[600];
    if (OpenRasGetPhonebookError(d, sizeof(d)) != 0)
        return false;
    if (!strstr(d, needle)) {
        printf("# detail was: %s\n", d);
        return false;
    }
    return true;
}

/* ---- reading what Windows wrote ---- */

/* What RasDial would send rasmand for an entry of th_pbk(). */
static uint32_t
dial_request(const char *name, struct ipc_dial_req *d)
{
    RASDIALPARAMSA p = { .dwSize = sizeof(p) };
    HRASCONN h = NULL;
    snprintf(p.szEntryName, sizeof(p.szEntryName), "%s", name);
    return ras_dial_resolve(NULL, th_pbk(), &p, 0, NULL, &h, d);
}

/* OpenRAS's InitCommands= in DEVICE reaches the dial request with '\n'
 * between the commands; a value with a control character, or longer than
 * the request carries, fails the dial with 87. */
static void
t_init_commands_key(void)
{
    static const char head[] = "[M]\nMEDIA=serial\nDevice=/dev/ttyS0\n\nDEVICE=modem\n"
                               "PhoneNumber=1\n";
    char text[2048];
    struct ipc_dial_req d;
    snprintf(text, sizeof(text), "%sInitCommands=AT&K3|AT+CGDCONT=1,\"IP\",\"x\"\n", head);
    write_file(th_pbk(), text, strlen(text));
    pbk_cache_flush();
    CHECK_EQ(dial_request("M", &d), 0);
    CHECK_STR(d.init_cmds, "AT&K3\nAT+CGDCONT=1,\"IP\",\"x\"");
    snprintf(text, sizeof(text), "%s", head);
    write_file(th_pbk(), text, strlen(text));
    pbk_cache_flush();
    CHECK_EQ(dial_request("M", &d), 0);
    CHECK_STR(d.init_cmds, "");
    int n = snprintf(text, sizeof(text), "%sInitCommands=", head);
    memset(text + n, 'A', IPC_INIT_CMDS_LEN + 1);
    text[n + IPC_INIT_CMDS_LEN + 1] = '\n';
    write_file(th_pbk(), text, (size_t)n + IPC_INIT_CMDS_LEN + 2);
    pbk_cache_flush();
    CHECK_EQ(dial_request("M", &d), ERROR_INVALID_PARAMETER);
    pbk_cache_flush();
}

/* Issue 11: DEVICE's Apn= reaches the dial request (a '"', which would end
 * AT+CGDCONT's string, fails the dial with 87), and so does the SIM PIN
 * saved in the credentials file, stored there as hex like a password;
 * the phonebook never holds it. pbk_entry_set_apn writes and removes the
 * key. */
static void
t_cellular_keys(void)
{
    static const char head[] = "[M]\nMEDIA=serial\nDevice=/dev/ttyUSB2\n\nDEVICE=modem\n"
                               "PhoneNumber=*99#\n";
    char text[512];
    struct ipc_dial_req d;
    snprintf(text, sizeof(text), "%sApn=internet.example\n", head);
    write_file(th_pbk(), text, strlen(text));
    pbk_cache_flush();
    CHECK_EQ(dial_request("M", &d), 0);
    CHECK_STR(d.apn, "internet.example");
    CHECK_STR(d.sim_pin, "");
    struct creds c = { .have = CREDS_SIM_PIN, .sim_pin = "1234" };
    CHECK_EQ(creds_set(th_pbk(), "M", &c, CREDS_SIM_PIN, false), 0);
    CHECK_EQ(dial_request("M", &d), 0);
    CHECK_STR(d.sim_pin, "1234");
    char cred[PATH_MAX], saved[512] = "";
    snprintf(cred, sizeof(cred), "%s.cred", th_pbk());
    int fd = open(cred, O_RDONLY | O_CLOEXEC);
    CHECK(fd >= 0 && read(fd, saved, sizeof(saved) - 1) > 0);
    if (fd >= 0)
        close(fd);
    CHECK(strstr(saved, "SimPin=31323334") != NULL);
    CHECK_EQ(creds_set(th_pbk(), "M", &c, CREDS_SIM_PIN, true), 0);
    CHECK_EQ(dial_request("M", &d), 0);
    CHECK_STR(d.sim_pin, "");
    snprintf(text, sizeof(text), "%sApn=in\"ternet\n", head);
    write_file(th_pbk(), text, strlen(text));
    pbk_cache_flush();
    CHECK_EQ(dial_request("M", &d), ERROR_INVALID_PARAMETER);
    /* written and removed */
    struct ini_doc doc;
    char *buf = ras_malloc(sizeof(head));
    REQUIRE(buf != NULL);
    memcpy(buf, head, sizeof(head));
    REQUIRE_EQ(ini_parse(&doc, buf, sizeof(head) - 1, "test", false, NULL, 0), 0);
    CHECK_EQ(pbk_entry_set_apn(&doc, "M", "web.example"), 0);
    char out[IPC_APN_LEN + 1];
    CHECK_EQ(pbk_entry_apn(&doc, 0, out, sizeof(out)), 0);
    CHECK_STR(out, "web.example");
    CHECK_EQ(pbk_entry_set_apn(&doc, "M", "a\"b"), ERROR_INVALID_PARAMETER);
    CHECK_EQ(pbk_entry_set_apn(&doc, "M", ""), 0);
    CHECK_EQ(pbk_entry_apn(&doc, 0, out, sizeof(out)), 0);
    CHECK_STR(out, "");
    ini_free(&doc);
    pbk_cache_flush();
}

static void
t_windows_file_loads(void)
{
    RASENTRYA e;
    write_file(th_pbk(), windows_pbk, sizeof(windows_pbk) - 1);
    get_entry(th_pbk(), "Dial-up ISP", &e, 0);
    CHECK_STR(e.szLocalPhoneNumber, "5550100");
    CHECK_STR(e.szAreaCode, "020");
    CHECK_EQ(e.dwCountryCode, 44);
    CHECK_STR(e.szDeviceType, "modem");
    CHECK_STR(e.szDeviceName, "Standard 56000 bps Modem");
    CHECK_EQ(e.dwType, RASET_Phone);
    CHECK_EQ(e.dwFramingProtocol, RASFP_Ppp);
    CHECK_EQ(e.dwRedialCount, 3);
    CHECK_EQ(e.dwRedialPause, 60);
    CHECK_EQ(e.dwIdleDisconnectSeconds, 900);
    CHECK(e.dwfOptions2 & RASEO2_ReconnectIfDropped);
    CHECK(e.dwfOptions & RASEO_UseCountryAndAreaCodes);
    CHECK(e.dwfOptions & RASEO_RemoteDefaultGateway);
    CHECK(e.dwfOptions & RASEO_SpecificNameServers);
    CHECK(!(e.dwfOptions & RASEO_SpecificIpAddr));
    CHECK(e.dwfOptions & RASEO_RequireMsCHAP2);      /* 544 = 0x200 | 0x20 */
    CHECK(e.dwfOptions & RASEO_RequireCHAP);
    CHECK(!(e.dwfOptions & RASEO_RequirePAP));
    CHECK_EQ(e.ipaddrDns.a, 192);
    CHECK_EQ(e.ipaddrDnsAlt.d, 54);
    CHECK_EQ(e.dwFrameSize, 1006);
    CHECK_STR(e.szDnsSuffix, "example.net");
    CHECK_EQ(e.dwEncryptionType, ET_Optional);
    CHECK(e.dwfNetProtocols & RASNP_Ip);
    /* the line settings Windows keeps beside RASENTRY, as RasDial sends them */
    struct ipc_dial_req d;
    CHECK_EQ(dial_request("Dial-up ISP", &d), 0);
    CHECK_EQ(d.line_bps, 115200);
    CHECK_EQ(d.hw_flow, 1);
    CHECK_EQ(dial_request("Office", &d), 0);
    CHECK_EQ(d.line_bps, 0);
    CHECK_EQ(d.hw_flow, 0);
    /* Port= stands in when there is no Device= */
    get_entry(th_pbk(), "Office", &e, 0);
    CHECK_STR(e.szDeviceName, "COM2");
    CHECK_STR(e.szLocalPhoneNumber, "5550200");
}

static void
t_alternates(void)
{
    write_file(th_pbk(), windows_pbk, sizeof(windows_pbk) - 1);
    DWORD cb = 0;
    CHECK_EQ(RasGetEntryPropertiesA(th_pbk(), "Dial-up ISP", NULL, &cb, NULL, NULL),
             ERROR_BUFFER_TOO_SMALL);
    /* the struct, then "5550199\0" and the empty string ending the list */
    CHECK_EQ(cb, sizeof(RASENTRYA) + 9);
    RASENTRYA *e = calloc(1, cb);
    REQUIRE(e != NULL);
    e->dwSize = sizeof(*e);
    DWORD small = sizeof(*e);
    CHECK_EQ(RasGetEntryPropertiesA(th_pbk(), "Dial-up ISP", e, &small, NULL, NULL),
             ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(small, cb);
    CHECK_EQ(RasGetEntryPropertiesA(th_pbk(), "Dial-up ISP", e, &cb, NULL, NULL), 0);
    CHECK_EQ(e->dwAlternateOffset, sizeof(*e));
    CHECK_STR((char *)e + e->dwAlternateOffset, "5550199");
    /* write two alternates back and read them */
    RASENTRYA *w = calloc(1, sizeof(*w) + 32);
    REQUIRE(w != NULL);
    memcpy(w, e, sizeof(*w));
    memcpy((char *)w + sizeof(*w), "111\0" "222\0", 9);
    w->dwAlternateOffset = sizeof(*w);
    CHECK_EQ(RasSetEntryPropertiesA(th_pbk(), "Dial-up ISP", w, sizeof(*w) + 9, NULL, 0), 0);
    cb = 0;
    CHECK_EQ(RasGetEntryPropertiesA(th_pbk(), "Dial-up ISP", NULL, &cb, NULL, NULL),
             ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(RASENTRYA) + 9);
    RASENTRYA *r = calloc(1, cb);
    REQUIRE(r != NULL);
    r->dwSize = sizeof(*r);
    CHECK_EQ(RasGetEntryPropertiesA(th_pbk(), "Dial-up ISP", r, &cb, NULL, NULL), 0);
    CHECK(memcmp((char *)r + sizeof(*r), "111\0" "222\0", 9) == 0);
    /* an alternates list running past the buffer is refused */
    w->dwAlternateOffset = sizeof(*w);
    memcpy((char *)w + sizeof(*w), "333", 3);
    CHECK_EQ(RasSetEntryPropertiesA(th_pbk(), "Dial-up ISP", w, sizeof(*w) + 3, NULL, 0),
             ERROR_INVALID_PARAMETER);
    free(e);
    free(w);
    free(r);
}

/* ---- writing keeps what it does not change ---- */

static void
t_roundtrip_untouched(void)
{
    RASENTRYA e;
    write_file(th_pbk(), windows_pbk, sizeof(windows_pbk) - 1);
    get_entry(th_pbk(), "Office", &e, 0);
    CHECK_EQ(RasSetEntryPropertiesA(th_pbk(), "Office", &e, sizeof(e), NULL, 0), 0);
    get_entry(th_pbk(), "Dial-up ISP", &e, 0);
    /* sized for the list so that the alternate stays */
    char *big = calloc(1, sizeof(e) + 16);
    REQUIRE(big != NULL);
    memcpy(big, &e, sizeof(e));
    memcpy(big + sizeof(e), "5550199\0\0", 9);
    ((RASENTRYA *)big)->dwAlternateOffset = sizeof(e);
    CHECK_EQ(RasSetEntryPropertiesA(th_pbk(), "Dial-up ISP", (RASENTRYA *)big, sizeof(e) + 9,
                                    NULL, 0), 0);
    free(big);
    CHECK(file_is(th_pbk(), windows_pbk, sizeof(windows_pbk) - 1));
}

static void
t_change_touches_one_line(void)
{
    RASENTRYA e;
    write_file(th_pbk(), windows_pbk, sizeof(windows_pbk) - 1);
    get_entry(th_pbk(), "Office", &e, 0);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "5550777");
    CHECK_EQ(RasSetEntryPropertiesA(th_pbk(), "Office", &e, sizeof(e), NULL, 0), 0);
    char want[sizeof(windows_pbk)];
    memcpy(want, windows_pbk, sizeof(windows_pbk));
    char *at = strstr(want, "PhoneNumber=5550200");
    REQUIRE(at != NULL);
    memcpy(at, "PhoneNumber=5550777", 19);
    CHECK(file_is(th_pbk(), want, sizeof(windows_pbk) - 1));
}

static void
t_set_then_get(void)
{
    RASENTRYA e, r;
    new_entry(&e, "0800 1234");
    e.dwfOptions = RASEO_SpecificIpAddr | RASEO_SpecificNameServers | RASEO_RequirePAP |
                   RASEO_RequireMsCHAP2 | RASEO_DisableLcpExtensions;
    e.ipaddr = (RASIPADDR){ 10, 1, 2, 3 };
    e.ipaddrDns = (RASIPADDR){ 10, 0, 0, 53 };
    e.ipaddrDnsAlt = (RASIPADDR){ 10, 0, 0, 54 };
    e.dwRedialCount = 2;
    e.dwRedialPause = 5;
    e.dwIdleDisconnectSeconds = 300;
    e.dwfOptions2 = RASEO2_ReconnectIfDropped;
    e.dwEncryptionType = ET_Require;
    e.dwfNetProtocols = RASNP_Ip | RASNP_Ipv6;
    snprintf(e.szDnsSuffix, sizeof(e.szDnsSuffix), "corp.example");
    snprintf(e.szAreaCode, sizeof(e.szAreaCode), "030");
    snprintf(e.szDeviceName, sizeof(e.szDeviceName), "/dev/ttyS0");
    e.dwType = RASET_Direct;
    CHECK_EQ(RasSetEntryPropertiesA(th_pbk(), "Täst 1", &e, sizeof(e), NULL, 0), 0);
    get_entry(th_pbk(), "Täst 1", &r, 0);
    CHECK_STR(r.szLocalPhoneNumber, "0800 1234");
    CHECK_STR(r.szDeviceName, "/dev/ttyS0");
    CHECK_STR(r.szAreaCode, "030");
    CHECK_STR(r.szDnsSuffix, "corp.example");
    CHECK_EQ(r.dwType, RASET_Direct);
    CHECK_EQ(r.dwfOptions & (RASEO_SpecificIpAddr | RASEO_SpecificNameServers | RASEO_RequirePAP |
                             RASEO_RequireMsCHAP2 | RASEO_DisableLcpExtensions |
                             RASEO_RemoteDefaultGateway),
             RASEO_SpecificIpAddr | RASEO_SpecificNameServers | RASEO_RequirePAP |
             RASEO_RequireMsCHAP2 | RASEO_DisableLcpExtensions);
    CHECK(memcmp(&r.ipaddr, &e.ipaddr, sizeof(e.ipaddr)) == 0);
    CHECK(memcmp(&r.ipaddrDnsAlt, &e.ipaddrDnsAlt, sizeof(e.ipaddr)) == 0);
    CHECK_EQ(r.dwRedialCount, 2);
    CHECK_EQ(r.dwRedialPause, 5);
    CHECK_EQ(r.dwIdleDisconnectSeconds, 300);
    CHECK_EQ(r.dwfOptions2 & RASEO2_ReconnectIfDropped, RASEO2_ReconnectIfDropped);
    CHECK_EQ(r.dwEncryptionType, ET_Require);
    CHECK_EQ(r.dwfNetProtocols, RASNP_Ip | RASNP_Ipv6);
    /* the keys Windows reads, in its value forms */
    size_t len;
    char *text = slurp(th_pbk(), &len);
    REQUIRE(text != NULL);
    CHECK(strstr(text, "[Täst 1]\r\nEncoding=1\r\n") != NULL);
    CHECK(strstr(text, "IpAssign=2\r\n") && strstr(text, "IpAddress=10.1.2.3\r\n"));
    CHECK(strstr(text, "AuthRestrictions=520\r\n") != NULL);
    CHECK(strstr(text, "LcpExtensions=0\r\n") != NULL);
    CHECK(strstr(text, "\r\nDEVICE=modem\r\nPhoneNumber=0800 1234\r\n") != NULL);
    free(text);
}

/* An older RASENTRY (NT4's size) reads and writes only the fields it has;
 * a write through it keeps the newer fields the entry already had. */
static void
t_old_struct_sizes(void)
{
    RASENTRYA e, r;
    new_entry(&e, "1");
    e.dwRedialCount = 7;                    /* an XP field */
    REQUIRE_EQ(RasSetEntryPropertiesA(th_pbk(), "Work", &e, sizeof(e), NULL, 0), 0);
    DWORD v400 = (DWORD)offsetof(RASENTRYA, dwSubEntries);
    memset(&r, 0x5a, sizeof(r));
    r.dwSize = v400;
    DWORD cb = v400;
    CHECK_EQ(RasGetEntryPropertiesA(th_pbk(), "Work", &r, &cb, NULL, NULL), 0);
    CHECK_EQ(cb, v400);
    CHECK_STR(r.szLocalPhoneNumber, "1");
    CHECK_EQ(((unsigned char *)&r)[v400], 0x5a);
    snprintf(r.szLocalPhoneNumber, sizeof(r.szLocalPhoneNumber), "2");
    CHECK_EQ(RasSetEntryPropertiesA(th_pbk(), "Work", &r, v400, NULL, 0), 0);
    get_entry(th_pbk(), "Work", &e, 0);
    CHECK_STR(e.szLocalPhoneNumber, "2");
    CHECK_EQ(e.dwRedialCount, 7);
    /* sizes no Windows version had */
    e.dwSize = sizeof(e) - 4;
    cb = sizeof(e);
    CHECK_EQ(RasGetEntryPropertiesA(th_pbk(), "Work", &e, &cb, NULL, NULL), ERROR_INVALID_SIZE);
    CHECK_EQ(RasSetEntryPropertiesA(th_pbk(), "Work", &e, sizeof(e), NULL, 0), ERROR_INVALID_SIZE);
}

static void
t_set_bad_arguments(void)
{
    RASENTRYA e;
    new_entry(&e, "1");
    CHECK_EQ(RasSetEntryPropertiesA(th_pbk(), NULL, &e, sizeof(e), NULL, 0), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetEntryPropertiesA(th_pbk(), "A", NULL, sizeof(e), NULL, 0), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetEntryPropertiesA(th_pbk(), "A", &e, sizeof(e) - 1, NULL, 0),
             ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasSetEntryPropertiesA(th_pbk(), "a/b", &e, sizeof(e), NULL, 0), ERROR_INVALID_NAME);
    e.szDeviceType[0] = '\0';
    CHECK_EQ(RasSetEntryPropertiesA(th_pbk(), "A", &e, sizeof(e), NULL, 0), ERROR_INVALID_PARAMETER);
    new_entry(&e, "1\r\n[Injected]");      /* a value must stay one line */
    CHECK_EQ(RasSetEntryPropertiesA(th_pbk(), "A", &e, sizeof(e), NULL, 0), ERROR_INVALID_PARAMETER);
    new_entry(&e, "1");
    memset(e.szLocalPhoneNumber, 'x', sizeof(e.szLocalPhoneNumber));   /* unterminated */
    CHECK_EQ(RasSetEntryPropertiesA(th_pbk(), "A", &e, sizeof(e), NULL, 0), ERROR_INVALID_PARAMETER);
    CHECK(access(th_pbk(), F_OK) != 0);       /* nothing was written */
}

/* ---- malformed files ---- */

struct bad_file {
    const char *what, *text;
    size_t len;
    const char *detail;     /* expected in OpenRasGetPhonebookError */
};

#define BAD(w, t, d) { w, t, sizeof(t) - 1, d }

static const struct bad_file bad_files[] = {
    BAD("unclosed header", "[A]\r\nType=1\r\n[Broken\r\nType=1\r\n", "rasphone.pbk:3: bad section header"),
    BAD("empty name", "[]\r\n", "rasphone.pbk:1: bad section header"),
    BAD("invalid UTF-8", "[A]\nComment=\xc3\x28\n", "rasphone.pbk:2: invalid UTF-8"),
    BAD("overlong UTF-8", "[A]\nComment=\xc0\xaf\n", "rasphone.pbk:2: invalid UTF-8"),
    BAD("NUL byte", "[A]\nType=1\n\0\0\0\n", "rasphone.pbk:3: binary data"),
    BAD("binary junk", "[A]\nType=1\n\x01\x02\xff\xfe\n", "rasphone.pbk:3:"),
    BAD("duplicate entry", "[A]\nType=1\n\n[B]\n\n[a]\nType=2\n",
        "rasphone.pbk:6: entry \"a\" appears twice (first at line 1)"),
    BAD("no equals sign", "[A]\nType=1\njunk\n", "rasphone.pbk:3: expected Key=Value"),
};

static void
check_refused(const char *path, const char *text, size_t len, const char *detail)
{
    RASENTRYNAMEA n = { .dwSize = sizeof(n) };
    DWORD cb = sizeof(n), count = 0;
    RASENTRYA e;
    CHECK_EQ(RasEnumEntriesA(NULL, path, &n, &cb, &count), ERROR_CORRUPT_PHONEBOOK);
    CHECK(has_detail(detail));
    /* as Windows: a broken file reads as no such entry here */
    get_entry(path, "A", &e, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK(has_detail(detail));
    new_entry(&e, "1");
    CHECK_EQ(RasSetEntryPropertiesA(path, "New", &e, sizeof(e), NULL, 0), ERROR_CORRUPT_PHONEBOOK);
    CHECK(has_detail(detail));
    CHECK_EQ(RasDeleteEntryA(path, "A"), ERROR_CORRUPT_PHONEBOOK);
    CHECK_EQ(RasRenameEntryA(path, "A", "C"), ERROR_CORRUPT_PHONEBOOK);
    CHECK(file_is(path, text, len));
}

static void
t_malformed_files(void)
{
    for (size_t i = 0; i < sizeof(bad_files) / sizeof(bad_files[0]); i++) {
        const struct bad_file *b = &bad_files[i];
        printf("# %s\n", b->what);
        write_file(th_pbk(), b->text, b->len);
        check_refused(th_pbk(), b->text, b->len, b->detail);
    }
}

static void
t_overlong_line(void)
{
    size_t n = 20000;
    char *text = malloc(n + 16);
    REQUIRE(text != NULL);
    memcpy(text, "[A]\nComment=", 12);
    memset(text + 12, 'x', n);
    memcpy(text + 12 + n, "\n", 2);
    write_file(th_pbk(), text, n + 13);
    check_refused(th_pbk(), text, n + 13, "rasphone.pbk:2: line longer than");
    free(text);
}

/* 100 MB, sparse: refused by its size before a byte is read. */
static void
t_huge_file(void)
{
    int fd = open(th_pbk(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(write(fd, "[A]\n", 4) == 4);
    REQUIRE(ftruncate(fd, 100L * 1024 * 1024) == 0);
    close(fd);
    RASENTRYNAMEA n = { .dwSize = sizeof(n) };
    DWORD cb = sizeof(n), count = 0;
    CHECK_EQ(RasEnumEntriesA(NULL, th_pbk(), &n, &cb, &count), ERROR_CORRUPT_PHONEBOOK);
    CHECK(has_detail("larger than"));
    RASENTRYA e;
    new_entry(&e, "1");
    CHECK_EQ(RasSetEntryPropertiesA(th_pbk(), "New", &e, sizeof(e), NULL, 0), ERROR_CORRUPT_PHONEBOOK);
    struct stat st;
    REQUIRE(stat(th_pbk(), &st) == 0);
    CHECK_EQ(st.st_size, 100L * 1024 * 1024);
}

/* ---- enumeration and sizes ---- */

static void
t_enum_sizes(void)
{
    RASENTRYNAMEA names[4];
    DWORD cb = 0, n = 99;
    add("Alpha", "1");
    add("Beta", "2");
    add("Gamma", "3");
    CHECK_EQ(RasEnumEntriesA(NULL, th_pbk(), NULL, &cb, &n), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, 3 * sizeof(RASENTRYNAMEA));
    CHECK_EQ(n, 3);
    memset(names, 0, sizeof(names));
    names[0].dwSize = sizeof(names[0]);
    cb = sizeof(names[0]);
    CHECK_EQ(RasEnumEntriesA(NULL, th_pbk(), names, &cb, &n), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, 3 * sizeof(RASENTRYNAMEA));
    cb = 3 * sizeof(RASENTRYNAMEA) - 1;
    CHECK_EQ(RasEnumEntriesA(NULL, th_pbk(), names, &cb, &n), ERROR_BUFFER_TOO_SMALL);
    cb = sizeof(names);
    CHECK_EQ(RasEnumEntriesA(NULL, th_pbk(), names, &cb, &n), 0);
    CHECK_EQ(n, 3);
    CHECK_EQ(cb, 3 * sizeof(RASENTRYNAMEA));
    CHECK_STR(names[0].szEntryName, "Alpha");
    CHECK_STR(names[2].szEntryName, "Gamma");
    CHECK_EQ(names[1].dwFlags, REN_User);
    CHECK_STR(names[1].szPhonebookPath, th_pbk());
    /* the NT4 size: stride 264, no flags or path */
    DWORD v400 = (DWORD)offsetof(RASENTRYNAMEA, dwFlags);
    char raw[3 * 264];
    memset(raw, 0, sizeof(raw));
    ((RASENTRYNAMEA *)raw)->dwSize = v400;
    cb = sizeof(raw);
    CHECK_EQ(RasEnumEntriesA(NULL, th_pbk(), (RASENTRYNAMEA *)raw, &cb, &n), 0);
    CHECK_EQ(cb, 3 * v400);
    CHECK_STR(raw + v400 + 4, "Beta");
    names[0].dwSize = 7;
    CHECK_EQ(RasEnumEntriesA(NULL, th_pbk(), names, &cb, &n), ERROR_INVALID_SIZE);
    CHECK_EQ(RasEnumEntriesA(NULL, th_pbk(), names, NULL, &n), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumEntriesA(NULL, th_pbk(), names, &cb, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumEntriesA("x", th_pbk(), names, &cb, &n), ERROR_INVALID_PARAMETER);
    /* a named phonebook that is not there */
    char missing[700];
    snprintf(missing, sizeof(missing), "%s/none.pbk", th_tmpdir());
    CHECK_EQ(RasEnumEntriesA(NULL, missing, NULL, &cb, &n), ERROR_CANNOT_OPEN_PHONEBOOK);
}

static void
t_get_sizes(void)
{
    RASENTRYA e;
    DWORD cb = 0;
    add("Work", "1");
    CHECK_EQ(RasGetEntryPropertiesA(th_pbk(), "Work", NULL, &cb, NULL, NULL), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(RASENTRYA));
    CHECK_EQ(RasGetEntryPropertiesA(th_pbk(), "Work", NULL, NULL, NULL, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasGetEntryPropertiesA(th_pbk(), NULL, &e, &cb, NULL, NULL), ERROR_INVALID_PARAMETER);
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    cb = sizeof(e) - 1;
    CHECK_EQ(RasGetEntryPropertiesA(th_pbk(), "Work", &e, &cb, NULL, NULL), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, sizeof(e));
    DWORD dev = 77;
    cb = sizeof(e);
    CHECK_EQ(RasGetEntryPropertiesA(th_pbk(), "Work", &e, &cb, NULL, &dev), 0);
    CHECK_EQ(dev, 0);
    get_entry(th_pbk(), "Nowhere", &e, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    get_entry(th_pbk(), "WORK", &e, 0);        /* ASCII case does not matter */
    char long_name[400];
    memset(long_name, 'a', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = '\0';
    get_entry(th_pbk(), long_name, &e, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    /* "" is a new entry's defaults, with or without a phonebook */
    char missing[700];
    snprintf(missing, sizeof(missing), "%s/none.pbk", th_tmpdir());
    get_entry(missing, "", &e, 0);
    CHECK_STR(e.szDeviceType, RASDT_Modem);
    CHECK_EQ(e.dwFramingProtocol, RASFP_Ppp);
    get_entry(missing, "Work", &e, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
}

/* ---- names: validate, delete, rename ---- */

static void
t_validate(void)
{
    add("Work", "1");
    CHECK_EQ(RasValidateEntryNameA(th_pbk(), "Home"), 0);
    CHECK_EQ(RasValidateEntryNameA(th_pbk(), "Work"), ERROR_ALREADY_EXISTS);
    CHECK_EQ(RasValidateEntryNameA(th_pbk(), "wORK"), ERROR_ALREADY_EXISTS);
    const char *bad[] = { "", "   ", "\t", ".hidden", "a|b", "a>b", "a<b", "a?b", "a*b",
                          "a\\b", "a/b", "a:b", "a\nb", "\xc3\x28", "---" };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK_EQ(RasValidateEntryNameA(th_pbk(), bad[i]), ERROR_INVALID_NAME);
    char name[300];
    memset(name, 'n', 256);
    name[256] = '\0';
    CHECK_EQ(RasValidateEntryNameA(th_pbk(), name), 0);
    name[256] = 'n';
    name[257] = '\0';
    CHECK_EQ(RasValidateEntryNameA(th_pbk(), name), ERROR_INVALID_NAME);
    CHECK_EQ(RasValidateEntryNameA(th_pbk(), "Grüße-1"), 0);
    CHECK_EQ(RasValidateEntryNameA(th_pbk(), NULL), ERROR_INVALID_PARAMETER);
    char missing[700];
    snprintf(missing, sizeof(missing), "%s/none.pbk", th_tmpdir());
    CHECK_EQ(RasValidateEntryNameA(missing, "Home"), ERROR_CANNOT_OPEN_PHONEBOOK);
}

static void
t_delete_rename(void)
{
    RASENTRYA e;
    add("Alpha", "1");
    add("Beta", "2");
    CHECK_EQ(RasRenameEntryA(th_pbk(), "Alpha", "Beta"), ERROR_ALREADY_EXISTS);
    CHECK_EQ(RasRenameEntryA(th_pbk(), "Alpha", "a/b"), ERROR_INVALID_NAME);
    CHECK_EQ(RasRenameEntryA(th_pbk(), "Nowhere", "Zeta"), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasRenameEntryA(th_pbk(), "Alpha", "ALPHA"), 0);   /* case only */
    CHECK_EQ(RasRenameEntryA(th_pbk(), "alpha", "Gamma"), 0);
    get_entry(th_pbk(), "Gamma", &e, 0);
    CHECK_STR(e.szLocalPhoneNumber, "1");
    get_entry(th_pbk(), "Alpha", &e, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasDeleteEntryA(th_pbk(), "Gamma"), 0);
    CHECK_EQ(RasDeleteEntryA(th_pbk(), "Gamma"), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(RasDeleteEntryA(th_pbk(), NULL), ERROR_INVALID_PARAMETER);
    get_entry(th_pbk(), "Beta", &e, 0);
    CHECK_EQ(RasDeleteEntryA(th_pbk(), "Beta"), 0);
    /* deleting the last entry leaves a valid, empty phonebook */
    DWORD cb = 0, n = 9;
    CHECK_EQ(RasEnumEntriesA(NULL, th_pbk(), NULL, &cb, &n), 0);
    CHECK_EQ(n, 0);
}

/* ---- saved credentials ---- */

static char cred_buf[700];

static const char *
cred_file(void)
{
    snprintf(cred_buf, sizeof(cred_buf), "%s.cred", th_pbk());
    return cred_buf;
}

static void
t_credentials(void)
{
    RASCREDENTIALSA c = { .dwSize = sizeof(c) };
    add("Work", "1");
    c.dwMask = RASCM_UserName | RASCM_Password;
    snprintf(c.szUserName, sizeof(c.szUserName), "alice");
    snprintf(c.szPassword, sizeof(c.szPassword), "s3cr=t\\pa ss");
    CHECK_EQ(RasSetCredentialsA(th_pbk(), "Work", &c, FALSE), 0);
    CHECK_EQ(RasSetCredentialsA(th_pbk(), "Nowhere", &c, FALSE), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    struct stat st;
    REQUIRE(stat(cred_file(), &st) == 0);
    CHECK_EQ(st.st_mode & 0777, 0600);
    /* the password is in neither file as text */
    size_t len;
    char *text = slurp(th_pbk(), &len);
    REQUIRE(text != NULL);
    CHECK(!strstr(text, "s3cr") && !strstr(text, "alice"));
    free(text);
    text = slurp(cred_file(), &len);
    REQUIRE(text != NULL);
    CHECK(!strstr(text, "s3cr"));
    free(text);

    memset(&c, 0, sizeof(c));
    c.dwSize = sizeof(c);
    c.dwMask = RASCM_UserName | RASCM_Password | RASCM_Domain;
    CHECK_EQ(RasGetCredentialsA(th_pbk(), "work", &c), 0);
    CHECK_EQ(c.dwMask, RASCM_UserName | RASCM_Password);
    CHECK_STR(c.szUserName, "alice");
    CHECK_STR(c.szPassword, "s3cr=t\\pa ss");

    RASDIALPARAMSA p = { .dwSize = sizeof(p) };
    BOOL has_pw = FALSE;
    snprintf(p.szEntryName, sizeof(p.szEntryName), "Work");
    CHECK_EQ(RasGetEntryDialParamsA(th_pbk(), &p, &has_pw), 0);
    CHECK(has_pw);
    CHECK_STR(p.szUserName, "alice");
    CHECK_STR(p.szPassword, "s3cr=t\\pa ss");
    /* empty user name: keep the saved one; remove the password */
    p.szUserName[0] = '\0';
    snprintf(p.szDomain, sizeof(p.szDomain), "CORP");
    CHECK_EQ(RasSetEntryDialParamsA(th_pbk(), &p, TRUE), 0);
    memset(&p, 0, sizeof(p));
    p.dwSize = sizeof(p);
    snprintf(p.szEntryName, sizeof(p.szEntryName), "Work");
    CHECK_EQ(RasGetEntryDialParamsA(th_pbk(), &p, &has_pw), 0);
    CHECK(!has_pw);
    CHECK_STR(p.szUserName, "alice");
    CHECK_STR(p.szDomain, "CORP");
    CHECK_STR(p.szPassword, "");
    /* clearing */
    c.dwMask = RASCM_UserName | RASCM_Domain;
    CHECK_EQ(RasSetCredentialsA(th_pbk(), "Work", &c, TRUE), 0);
    c.dwMask = RASCM_UserName | RASCM_Password | RASCM_Domain;
    CHECK_EQ(RasGetCredentialsA(th_pbk(), "Work", &c), 0);
    CHECK_EQ(c.dwMask, 0);
    c.dwMask = RASCM_PreSharedKey;
    CHECK_EQ(RasSetCredentialsA(th_pbk(), "Work", &c, FALSE), ERROR_INVALID_PARAMETER);
    c.dwSize = 12;
    CHECK_EQ(RasGetCredentialsA(th_pbk(), "Work", &c), ERROR_INVALID_SIZE);
}

static void
t_credentials_follow_entry(void)
{
    RASCREDENTIALSA c = { .dwSize = sizeof(c), .dwMask = RASCM_Password };
    add("Work", "1");
    snprintf(c.szPassword, sizeof(c.szPassword), "pw");
    REQUIRE_EQ(RasSetCredentialsA(th_pbk(), "Work", &c, FALSE), 0);
    CHECK_EQ(RasRenameEntryA(th_pbk(), "Work", "Job"), 0);
    memset(c.szPassword, 0, sizeof(c.szPassword));
    CHECK_EQ(RasGetCredentialsA(th_pbk(), "Job", &c), 0);
    CHECK_STR(c.szPassword, "pw");
    CHECK_EQ(RasDeleteEntryA(th_pbk(), "Job"), 0);
    add("Job", "2");       /* a new entry of that name inherits nothing */
    c.dwMask = RASCM_Password;
    CHECK_EQ(RasGetCredentialsA(th_pbk(), "Job", &c), 0);
    CHECK_EQ(c.dwMask, 0);
}

static void
t_credentials_file_too_open(void)
{
    RASCREDENTIALSA c = { .dwSize = sizeof(c), .dwMask = RASCM_Password };
    add("Work", "1");
    snprintf(c.szPassword, sizeof(c.szPassword), "pw");
    REQUIRE_EQ(RasSetCredentialsA(th_pbk(), "Work", &c, FALSE), 0);
    REQUIRE(chmod(cred_file(), 0644) == 0);
    size_t len;
    char *before = slurp(cred_file(), &len);
    REQUIRE(before != NULL);
    CHECK_EQ(RasGetCredentialsA(th_pbk(), "Work", &c), ERROR_ACCESS_DENIED);
    CHECK(has_detail("mode 0644"));
    CHECK_EQ(RasSetCredentialsA(th_pbk(), "Work", &c, FALSE), ERROR_ACCESS_DENIED);
    RASDIALPARAMSA p = { .dwSize = sizeof(p) };
    BOOL has_pw;
    snprintf(p.szEntryName, sizeof(p.szEntryName), "Work");
    CHECK_EQ(RasGetEntryDialParamsA(th_pbk(), &p, &has_pw), ERROR_ACCESS_DENIED);
    CHECK(file_is(cred_file(), before, len));
    struct stat st;
    REQUIRE(stat(cred_file(), &st) == 0);
    CHECK_EQ(st.st_mode & 0777, 0644);      /* not "fixed" behind the user's back */
    free(before);
}

/* ---- where the default phonebooks are ---- */

static void
setenv_tmp(const char *var, const char *sub)
{
    char v[700];
    snprintf(v, sizeof(v), "%s/%s", th_tmpdir(), sub);
    setenv(var, v, 1);
}

static void
t_default_locations(void)
{
    RASENTRYA e;
    char *old_xdg = getenv("XDG_CONFIG_HOME") ? strdup(getenv("XDG_CONFIG_HOME")) : NULL;
    char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    setenv_tmp("XDG_CONFIG_HOME", "xdg");
    setenv_tmp("RAS_SYSCONFDIR", "etc");
    CHECK_EQ(RasValidateEntryNameA(NULL, "Mine"), 0);   /* no phonebook yet */
    new_entry(&e, "1");
    CHECK_EQ(RasSetEntryPropertiesA(NULL, "Mine", &e, sizeof(e), NULL, 0), 0);
    char path[800];
    snprintf(path, sizeof(path), "%s/xdg/ras/rasphone.pbk", th_tmpdir());
    CHECK(access(path, F_OK) == 0);
    /* the system phonebook is enumerated too, flagged as all users' */
    snprintf(path, sizeof(path), "%s/etc", th_tmpdir());
    REQUIRE(mkdir(path, 0755) == 0);
    snprintf(path, sizeof(path), "%s/etc/rasphone.pbk", th_tmpdir());
    write_file(path, "[Shared]\r\nType=1\r\n", 18);
    RASENTRYNAMEA names[2] = { { .dwSize = sizeof(names[0]) } };
    DWORD cb = sizeof(names), n = 0;
    CHECK_EQ(RasEnumEntriesA(NULL, NULL, names, &cb, &n), 0);
    CHECK_EQ(n, 2);
    CHECK_STR(names[0].szEntryName, "Mine");
    CHECK_EQ(names[0].dwFlags, REN_User);
    CHECK_STR(names[1].szEntryName, "Shared");
    CHECK_EQ(names[1].dwFlags, REN_AllUsers);
    get_entry(NULL, "Shared", &e, 0);
    new_entry(&e, "2");
    /* without XDG_CONFIG_HOME: ~/.config */
    unsetenv("XDG_CONFIG_HOME");
    setenv_tmp("HOME", "home");
    CHECK_EQ(RasSetEntryPropertiesA(NULL, "Other", &e, sizeof(e), NULL, 0), 0);
    snprintf(path, sizeof(path), "%s/home/.config/ras/rasphone.pbk", th_tmpdir());
    CHECK(access(path, F_OK) == 0);
    unsetenv("RAS_SYSCONFDIR");
    if (old_xdg)
        setenv("XDG_CONFIG_HOME", old_xdg, 1);
    if (old_home)
        setenv("HOME", old_home, 1);
    free(old_xdg);
    free(old_home);
}

/* A writer killed mid-write leaves FILE.tmp.PID; the next write removes
 * it once that process is gone, and leaves a live one's alone. */
static void
t_stale_temp_files_swept(void)
{
    char dead[700], live[700];
    snprintf(dead, sizeof(dead), "%s.tmp.999999", th_pbk());
    snprintf(live, sizeof(live), "%s.tmp.%d", th_pbk(), (int)getppid());
    write_file(dead, "[Half", 5);
    write_file(live, "[Half", 5);
    add("Work", "1");
    CHECK(access(dead, F_OK) != 0);
    CHECK(access(live, F_OK) == 0);
}

/* ---- the cache ---- */

static void
t_cache_no_reparse(void)
{
    RASENTRYA e;
    add("Work", "1");
    get_entry(th_pbk(), "Work", &e, 0);
    long before = ras_alloc_count();
    for (int i = 0; i < 100; i++) {
        DWORD cb = sizeof(e);
        RasGetEntryPropertiesA(th_pbk(), "Work", &e, &cb, NULL, NULL);
        RasGetEntryPropertiesA(th_pbk(), "Nowhere", &e, &cb, NULL, NULL);
    }
    CHECK_EQ(ras_alloc_count() - before, 0);
    /* a change by "another program" (same size, new inode) is seen */
    char other[700];
    snprintf(other, sizeof(other), "%s.new", th_pbk());
    size_t len;
    char *text = slurp(th_pbk(), &len);
    REQUIRE(text != NULL);
    char *at = strstr(text, "PhoneNumber=1");
    REQUIRE(at != NULL);
    at[12] = '9';
    write_file(other, text, len);
    free(text);
    REQUIRE(rename(other, th_pbk()) == 0);
    get_entry(th_pbk(), "Work", &e, 0);
    CHECK_STR(e.szLocalPhoneNumber, "9");
}

/* ---- fault injection ---- */

struct fault_ctx {
    char *before;           /* the file's bytes before the call (malloc) */
    size_t before_len;
    bool existed;
    uint32_t (*call)(void);
};

static struct fault_ctx fc;

static void
snapshot(void)
{
    free(fc.before);
    fc.before = slurp(th_pbk(), &fc.before_len);
    fc.existed = fc.before != NULL;
}

static uint32_t
fault_run(void *ctx)
{
    (void)ctx;
    pbk_cache_flush();      /* sweep the load too */
    return fc.call();
}

/* A failed call left the phonebook exactly as it was; a successful one is
 * undone by restoring the snapshot, so every round starts alike. */
static void
fault_verify(void *ctx, long nth, uint32_t rc)
{
    (void)ctx;
    (void)nth;
    if (rc != 0) {
        if (fc.existed)
            CHECK(file_is(th_pbk(), fc.before, fc.before_len));
        else
            CHECK(access(th_pbk(), F_OK) != 0);
    } else if (fc.existed) {
        write_file(th_pbk(), fc.before, fc.before_len);
    }
    pbk_cache_flush();
}

static void
sweep(const char *what, uint32_t (*call)(void), uint32_t want_final)
{
    fc.call = call;
    snapshot();
    pbk_cache_flush();
    th_fault_sweep(what, fault_run, NULL, ERROR_NOT_ENOUGH_MEMORY, fault_verify);
    uint32_t rc = fault_run(NULL);
    CHECK_EQ(rc, want_final);
    fault_verify(NULL, 0, rc);
    free(fc.before);
    fc.before = NULL;
}

static uint32_t
call_set_new(void)
{
    RASENTRYA e;
    DWORD cb = sizeof(e);
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    RasGetEntryPropertiesA(th_pbk(), "", &e, &cb, NULL, NULL);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "42");
    uint32_t rc = RasSetEntryPropertiesA(th_pbk(), "Fresh", &e, sizeof(e), NULL, 0);
    if (rc == 0)
        (void)unlink(th_pbk());    /* the file did not exist before */
    return rc;
}

static uint32_t
call_set_existing(void)
{
    static char buf[sizeof(RASENTRYA) + 256];
    RASENTRYA *e = (RASENTRYA *)buf;
    DWORD cb = sizeof(buf);
    memset(buf, 0, sizeof(buf));
    e->dwSize = sizeof(*e);
    uint32_t rc = RasGetEntryPropertiesA(th_pbk(), "Dial-up ISP", e, &cb, NULL, NULL);
    if (rc)
        return rc;
    /* a new number, and the alternate replaced by two */
    snprintf(e->szLocalPhoneNumber, sizeof(e->szLocalPhoneNumber), "43");
    memcpy(buf + sizeof(*e), "7\0" "8\0", 5);
    e->dwAlternateOffset = sizeof(*e);
    e->dwRedialCount = 9;
    return RasSetEntryPropertiesA(th_pbk(), "Dial-up ISP", e, sizeof(*e) + 5, NULL, 0);
}

static uint32_t
call_get(void)
{
    RASENTRYA e;
    DWORD cb = sizeof(e);
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    return RasGetEntryPropertiesA(th_pbk(), "Office", &e, &cb, NULL, NULL);
}

static uint32_t
call_enum(void)
{
    RASENTRYNAMEA n[4] = { { .dwSize = sizeof(n[0]) } };
    DWORD cb = sizeof(n), count;
    return RasEnumEntriesA(NULL, th_pbk(), n, &cb, &count);
}

static uint32_t
call_delete(void)
{
    return RasDeleteEntryA(th_pbk(), "Office");
}

static uint32_t
call_rename(void)
{
    return RasRenameEntryA(th_pbk(), "Office", "Büro");
}

static uint32_t
call_set_credentials(void)
{
    RASCREDENTIALSA c = { .dwSize = sizeof(c), .dwMask = RASCM_UserName | RASCM_Password };
    snprintf(c.szUserName, sizeof(c.szUserName), "u");
    snprintf(c.szPassword, sizeof(c.szPassword), "p");
    uint32_t rc = RasSetCredentialsA(th_pbk(), "Office", &c, FALSE);
    (void)unlink(cred_file());
    return rc;
}

static uint32_t
call_get_dial_params(void)
{
    RASDIALPARAMSA p = { .dwSize = sizeof(p) };
    BOOL has;
    snprintf(p.szEntryName, sizeof(p.szEntryName), "Office");
    return RasGetEntryDialParamsA(th_pbk(), &p, &has);
}

static uint32_t
call_validate(void)
{
    return RasValidateEntryNameA(th_pbk(), "Office");
}

static uint32_t
call_get_credentials(void)
{
    RASCREDENTIALSA c = { .dwSize = sizeof(c), .dwMask = RASCM_UserName | RASCM_Password };
    return RasGetCredentialsA(th_pbk(), "Office", &c);
}

/* Saves, then puts the credentials file back as it was (test-side I/O,
 * outside the allocation hooks), so every round starts alike. */
static uint32_t
call_set_dial_params(void)
{
    RASDIALPARAMSA p = { .dwSize = sizeof(p) };
    size_t len;
    char *before = slurp(cred_file(), &len);
    snprintf(p.szEntryName, sizeof(p.szEntryName), "Dial-up ISP");
    snprintf(p.szUserName, sizeof(p.szUserName), "u2");
    snprintf(p.szPassword, sizeof(p.szPassword), "p2");
    uint32_t rc = RasSetEntryDialParamsA(th_pbk(), &p, FALSE);
    if (before) {
        write_file(cred_file(), before, len);
        chmod(cred_file(), 0600);
    }
    free(before);
    return rc;
}

static void
t_fault_sweeps(void)
{
    sweep("RasSetEntryProperties new file", call_set_new, 0);
    write_file(th_pbk(), windows_pbk, sizeof(windows_pbk) - 1);
    sweep("RasSetEntryProperties existing entry", call_set_existing, 0);
    sweep("RasGetEntryProperties cold", call_get, 0);
    sweep("RasEnumEntries cold", call_enum, 0);
    sweep("RasDeleteEntry", call_delete, 0);
    sweep("RasRenameEntry", call_rename, 0);
    sweep("RasSetCredentials", call_set_credentials, 0);
    RASCREDENTIALSA c = { .dwSize = sizeof(c), .dwMask = RASCM_UserName | RASCM_Password };
    snprintf(c.szPassword, sizeof(c.szPassword), "p");
    REQUIRE_EQ(RasSetCredentialsA(th_pbk(), "Office", &c, FALSE), 0);
    sweep("RasGetEntryDialParams", call_get_dial_params, 0);
    sweep("RasGetCredentials", call_get_credentials, 0);
    sweep("RasSetEntryDialParams", call_set_dial_params, 0);
    sweep("RasValidateEntryName", call_validate, ERROR_ALREADY_EXISTS);
    /* deleting an entry with saved credentials edits both files */
    sweep("RasDeleteEntry with credentials", call_delete, 0);
}

int
main(int argc, char **argv)
{
    th_set_cleanup(pbk_cache_flush);
    if (argc > 1 && strcmp(argv[1], "--fault") == 0) {
        TH_RUN(t_fault_sweeps);
        return th_done();
    }
    TH_RUN(t_windows_file_loads);
    TH_RUN(t_init_commands_key);
    TH_RUN(t_cellular_keys);
    TH_RUN(t_alternates);
    TH_RUN(t_roundtrip_untouched);
    TH_RUN(t_change_touches_one_line);
    TH_RUN(t_set_then_get);
    TH_RUN(t_old_struct_sizes);
    TH_RUN(t_set_bad_arguments);
    TH_RUN(t_malformed_files);
    TH_RUN(t_overlong_line);
    TH_RUN(t_huge_file);
    TH_RUN(t_enum_sizes);
    TH_RUN(t_get_sizes);
    TH_RUN(t_validate);
    TH_RUN(t_delete_rename);
    TH_RUN(t_credentials);
    TH_RUN(t_credentials_follow_entry);
    TH_RUN(t_credentials_file_too_open);
    TH_RUN(t_default_locations);
    TH_RUN(t_stale_temp_files_swept);
    TH_RUN(t_cache_no_reparse);
    return th_done();
}
