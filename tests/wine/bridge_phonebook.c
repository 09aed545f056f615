/* bridge_phonebook: the phonebook side of the Wine bridge, as a Windows
 * program (MinGW, x86_64 or i686) run under Wine through ras-wine exec.
 * W and A forms, a non-ASCII entry name, alternates, every historic
 * RASENTRYNAME / RASENTRY / RASCREDENTIALS dwSize accepted and its
 * neighbours refused with 632, 603 sizing, credentials, devices, error
 * texts, an explicit DOS phonebook path, and the calls with no OpenRAS
 * behind them answering cleanly. Prints "ok" last, or the failures; the
 * exit code is the failure count (check the output too: wine.md). */
#include <windows.h>
#include <psapi.h>
#include <ras.h>
#include <raserror.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static int failures;

#define CHECK(cond, ...) \
    do { \
        if (!(cond)) { \
            failures++; \
            printf("FAIL line %d: ", __LINE__); \
            printf(__VA_ARGS__); \
            printf("\n"); \
        } \
    } while (0)

static const WCHAR NAME_W[] = L"B\x00fcro \x03a9mega";     /* "Büro Ωmega" */
static const WCHAR RENAMED_W[] = L"B\x00fcro 2";

static void
fill_entry(RASENTRYW *e)
{
    memset(e, 0, sizeof(*e));
    e->dwSize = sizeof(*e);
    e->dwfOptions = RASEO_RemoteDefaultGateway;
    wcscpy(e->szLocalPhoneNumber, L"5550100");
    wcscpy(e->szDeviceType, L"modem");
    wcscpy(e->szDeviceName, L"loopback");
    e->dwFramingProtocol = RASFP_Ppp;
    e->dwfNetProtocols = RASNP_Ip;
    e->dwType = RASET_Phone;
    e->dwRedialCount = 3;
    e->dwRedialPause = 30;
}

/* Sets the entry with two alternates after the struct. */
static void
set_entry_with_alternates(const WCHAR *pbk)
{
    static const WCHAR alts[] = L"5550101\0" L"5550102\0";
    BYTE buf[sizeof(RASENTRYW) + sizeof(alts)];
    RASENTRYW *e = (RASENTRYW *)buf;
    fill_entry(e);
    memcpy(buf + sizeof(*e), alts, sizeof(alts));
    e->dwAlternateOffset = sizeof(*e);
    DWORD rc = RasSetEntryPropertiesW(pbk, NAME_W, e, sizeof(buf), NULL, 0);
    CHECK(rc == 0, "RasSetEntryPropertiesW with alternates: %lu", rc);
}

static void
check_get_entry_w(const WCHAR *pbk)
{
    DWORD cb = 0, rc = RasGetEntryPropertiesW(pbk, NAME_W, NULL, &cb, NULL, NULL);
    CHECK(rc == ERROR_BUFFER_TOO_SMALL && cb > sizeof(RASENTRYW), "size query: %lu cb %lu", rc, cb);
    BYTE buf[8192];
    RASENTRYW *e = (RASENTRYW *)buf;
    memset(buf, 0xAA, sizeof(buf));
    e->dwSize = sizeof(*e);
    cb = sizeof(buf);
    rc = RasGetEntryPropertiesW(pbk, NAME_W, e, &cb, NULL, NULL);
    CHECK(rc == 0, "RasGetEntryPropertiesW: %lu", rc);
    if (rc)
        return;
    CHECK(wcscmp(e->szLocalPhoneNumber, L"5550100") == 0, "phone number");
    CHECK(wcscmp(e->szDeviceType, L"modem") == 0, "device type");
    CHECK(e->dwRedialCount == 3 && e->dwRedialPause == 30, "redial %lu %lu", e->dwRedialCount,
          e->dwRedialPause);
    CHECK(e->dwAlternateOffset == sizeof(*e), "alternate offset %lu", e->dwAlternateOffset);
    if (e->dwAlternateOffset == sizeof(*e)) {
        const WCHAR *a = (const WCHAR *)(buf + e->dwAlternateOffset);
        CHECK(wcscmp(a, L"5550101") == 0 && wcscmp(a + 8, L"5550102") == 0 && a[16] == 0,
              "alternates");
    }
    /* The Windows 10 SDK size (3480 A) and an unknown one. */
    BYTE abuf[8192];
    RASENTRYA *ea = (RASENTRYA *)abuf;
    ea->dwSize = 3480;
    cb = sizeof(abuf);
    rc = RasGetEntryPropertiesA(NULL, "Caf\xe9", ea, &cb, NULL, NULL);
    CHECK(rc == 0 || rc == ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, "A 3480: %lu", rc);
    ea->dwSize = 3481;
    cb = sizeof(abuf);
    rc = RasGetEntryPropertiesA(NULL, "Caf\xe9", ea, &cb, NULL, NULL);
    CHECK(rc == ERROR_INVALID_SIZE, "A 3481: %lu", rc);
}

/* Every dwSize of a version accepted, one byte off refused. */
static void
check_sizes(void)
{
    static const DWORD w_names[] = {520, 1048};
    RASENTRYNAMEW names[4];
    for (unsigned i = 0; i < 2; i++) {
        DWORD cb = sizeof(names), n = 0, rc;
        names[0].dwSize = w_names[i];
        rc = RasEnumEntriesW(NULL, NULL, names, &cb, &n);
        CHECK(rc == 0 || rc == ERROR_BUFFER_TOO_SMALL, "RASENTRYNAMEW %lu: %lu", w_names[i], rc);
        names[0].dwSize = w_names[i] + 1;
        cb = sizeof(names);
        rc = RasEnumEntriesW(NULL, NULL, names, &cb, &n);
        CHECK(rc == ERROR_INVALID_SIZE, "RASENTRYNAMEW %lu+1: %lu", w_names[i], rc);
    }
    /* NT 3.5 (entry names of 20 characters): stride 48, names cut. */
    DWORD cb35 = sizeof(names), n35 = 0;
    names[0].dwSize = 48;
    CHECK(RasEnumEntriesW(NULL, NULL, names, &cb35, &n35) == 0 && cb35 == n35 * 48,
          "RASENTRYNAMEW 48 (NT 3.5)");
    RASDIALPARAMSA p35[2];
    BOOL pw;
    memset(p35, 0, sizeof(p35));
    p35[0].dwSize = 736;     /* NT 3.5 x86 RASDIALPARAMSA */
    strcpy(p35[0].szEntryName, "nobody here");
    CHECK(RasGetEntryDialParamsA(NULL, p35, &pw) == ERROR_CANNOT_FIND_PHONEBOOK_ENTRY,
          "RASDIALPARAMSA 736 accepted");
    p35[0].dwSize = 737;
    CHECK(RasGetEntryDialParamsA(NULL, p35, &pw) == ERROR_INVALID_SIZE, "RASDIALPARAMSA 737");
    names[0].dwSize = 0;      /* FFFTP's vector<RASENTRYNAMEW> */
    DWORD cb = sizeof(names), n;
    CHECK(RasEnumEntriesW(NULL, NULL, names, &cb, &n) == ERROR_INVALID_SIZE, "dwSize 0");
    static const DWORD w_entry[] = {3468, 3496, 4048, 5616, 5656, 5680, 6720, 6724};
    static BYTE big[16384];
    for (unsigned i = 0; i < sizeof(w_entry) / sizeof(w_entry[0]); i++) {
        RASENTRYW *e = (RASENTRYW *)big;
        DWORD rc;
        e->dwSize = w_entry[i];
        cb = sizeof(big);
        rc = RasGetEntryPropertiesW(NULL, NAME_W, e, &cb, NULL, NULL);
        CHECK(rc == 0 && e->dwSize == w_entry[i], "RASENTRYW %lu: %lu", w_entry[i], rc);
        e->dwSize = w_entry[i] + 2;
        cb = sizeof(big);
        rc = RasGetEntryPropertiesW(NULL, NAME_W, e, &cb, NULL, NULL);
        CHECK(rc == ERROR_INVALID_SIZE, "RASENTRYW %lu+2: %lu", w_entry[i], rc);
    }
}

static void
check_enum(const WCHAR *want, int present)
{
    RASENTRYNAMEW names[32];
    DWORD cb = sizeof(names), n = 0, rc;
    int found = 0;
    names[0].dwSize = sizeof(names[0]);
    rc = RasEnumEntriesW(NULL, NULL, names, &cb, &n);
    CHECK(rc == 0, "RasEnumEntriesW: %lu", rc);
    for (DWORD i = 0; rc == 0 && i < n; i++)
        found |= wcscmp(names[i].szEntryName, want) == 0;
    CHECK(found == present, "entry %s", present ? "missing" : "still listed");
    /* 603 sizing: one byte short. */
    if (rc == 0 && n > 0) {
        DWORD need = cb;
        cb = need - 1;
        rc = RasEnumEntriesW(NULL, NULL, names, &cb, &n);
        CHECK(rc == ERROR_BUFFER_TOO_SMALL && cb == need, "short buffer: %lu cb %lu", rc, cb);
    }
}

static void
check_ansi(void)
{
    /* "Café" in the ANSI code page (1252 under Wine's default locale). */
    RASENTRYA e;
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    strcpy(e.szLocalPhoneNumber, "5550199");
    strcpy(e.szDeviceType, "modem");
    strcpy(e.szDeviceName, "loopback");
    e.dwFramingProtocol = RASFP_Ppp;
    e.dwType = RASET_Phone;
    DWORD rc = RasSetEntryPropertiesA(NULL, "Caf\xe9", &e, sizeof(e), NULL, 0);
    CHECK(rc == 0, "RasSetEntryPropertiesA: %lu", rc);
    RASENTRYNAMEA names[32];
    DWORD cb = sizeof(names), n = 0;
    int found = 0;
    names[0].dwSize = 264;     /* the NT4 size: stride 264 */
    rc = RasEnumEntriesA(NULL, NULL, names, &cb, &n);
    CHECK(rc == 0, "RasEnumEntriesA: %lu", rc);
    for (DWORD i = 0; rc == 0 && i < n; i++)
        found |= strcmp(((RASENTRYNAMEA *)((BYTE *)names + i * 264))->szEntryName,
                        "Caf\xe9") == 0;
    CHECK(found, "A entry not listed in CP_ACP");
    /* The W side sees the same entry as U+00E9. */
    CHECK(RasValidateEntryNameW(NULL, L"Caf\x00e9") == ERROR_ALREADY_EXISTS, "W sees A entry");
    CHECK(RasDeleteEntryA(NULL, "Caf\xe9") == 0, "RasDeleteEntryA");
}

static void
check_credentials(void)
{
    RASCREDENTIALSW c;
    memset(&c, 0, sizeof(c));
    c.dwSize = sizeof(c);
    c.dwMask = RASCM_UserName | RASCM_Password;
    wcscpy(c.szUserName, L"J\x00f6rg");
    wcscpy(c.szPassword, L"s3cret");
    DWORD rc = RasSetCredentialsW(NULL, NAME_W, &c, FALSE);
    CHECK(rc == 0, "RasSetCredentialsW: %lu", rc);
    memset(&c, 0, sizeof(c));
    c.dwSize = sizeof(c);
    c.dwMask = RASCM_UserName | RASCM_Password;
    rc = RasGetCredentialsW(NULL, NAME_W, &c);
    CHECK(rc == 0 && wcscmp(c.szUserName, L"J\x00f6rg") == 0 && (c.dwMask & RASCM_UserName),
          "RasGetCredentialsW: %lu mask %lx", rc, c.dwMask);
    c.dwSize = 1;
    CHECK(RasGetCredentialsW(NULL, NAME_W, &c) == ERROR_INVALID_SIZE, "credentials size 1");

    RASDIALPARAMSW p;
    BOOL pw = FALSE;
    memset(&p, 0x55, sizeof(p));      /* output fields hold garbage */
    p.dwSize = sizeof(p);
    wcscpy(p.szEntryName, NAME_W);
    rc = RasGetEntryDialParamsW(NULL, &p, &pw);
    CHECK(rc == 0 && wcscmp(p.szUserName, L"J\x00f6rg") == 0, "RasGetEntryDialParamsW: %lu", rc);
}

static void
check_devices_and_errors(void)
{
    RASDEVINFOW d[16];
    DWORD cb = sizeof(d), n = 0, rc;
    d[0].dwSize = sizeof(d[0]);
    rc = RasEnumDevicesW(d, &cb, &n);
    CHECK(rc == 0 && n >= 1, "RasEnumDevicesW: %lu n %lu", rc, n);
    WCHAR w[512];
    char a[512];
    CHECK(RasGetErrorStringW(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, w, 512) == 0 && w[0], "errW");
    CHECK(RasGetErrorStringA(691, a, 512) == 0 && a[0], "errA");
    CHECK(RasGetErrorStringW(623, w, 2) == ERROR_INSUFFICIENT_BUFFER, "errW short");
    CHECK(RasGetErrorStringW(623, NULL, 512) == ERROR_INVALID_PARAMETER, "errW NULL");
}

/* A phonebook named by a DOS path under the program's temp directory. */
static void
check_dos_path(void)
{
    WCHAR dir[MAX_PATH], pbk[MAX_PATH + 32];
    GetTempPathW(MAX_PATH, dir);
    swprintf(pbk, sizeof(pbk) / sizeof(pbk[0]), L"%lsbridge-%lu.pbk", dir, GetCurrentProcessId());
    set_entry_with_alternates(pbk);
    check_get_entry_w(pbk);
    RASENTRYNAMEW names[4];
    DWORD cb = sizeof(names), n = 0, rc;
    names[0].dwSize = sizeof(names[0]);
    rc = RasEnumEntriesW(NULL, pbk, names, &cb, &n);
    CHECK(rc == 0 && n == 1, "DOS path enum: %lu n %lu", rc, n);
    if (rc == 0 && n == 1)
        CHECK(_wcsicmp(names[0].szPhonebookPath, pbk) == 0, "path shown as '%ls'",
              names[0].szPhonebookPath);
    DeleteFileW(pbk);
}

static void
check_unsupported(void)
{
    DWORD cb = 0, n = 0;
    BOOL on = TRUE;
    CHECK(RasEnumAutodialAddressesW(NULL, &cb, &n) == 0 && n == 0, "autodial enum");
    CHECK(RasGetAutodialEnableW(0, &on) == 0 && !on, "autodial enable");
    RASCTRYINFO ci = {sizeof(ci), 1};
    cb = sizeof(ci);
    CHECK(RasGetCountryInfoW(&ci, &cb) != 0, "country info answers");
}

/* The process's committed memory and handle count: with a loop count
 * given, they must stay flat after warm-up (every bridge call frees what
 * it allocated before it returns). Wine 8 reports PrivateUsage and the
 * handle count as 0; PagefileUsage (committed memory) is filled. */
static void
usage_now(SIZE_T *bytes, DWORD *handles)
{
    PROCESS_MEMORY_COUNTERS_EX pmc = {sizeof(pmc)};
    GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&pmc, sizeof(pmc));
    *bytes = pmc.PrivateUsage > pmc.PagefileUsage ? pmc.PrivateUsage : pmc.PagefileUsage;
    *handles = 0;
    GetProcessHandleCount(GetCurrentProcess(), handles);
}

#define WARM_UP 20

int
main(int argc, char **argv)
{
    int loops = argc > 1 ? atoi(argv[1]) : 1;
    SIZE_T bytes0 = 0, bytes1;
    DWORD handles0 = 0, handles1;
    for (int i = 0; i < loops; i++) {
        if (i == WARM_UP)
            usage_now(&bytes0, &handles0);
        DWORD rc = RasValidateEntryNameW(NULL, NAME_W);
        CHECK(rc == 0, "RasValidateEntryNameW (absent): %lu", rc);
        set_entry_with_alternates(NULL);
        CHECK(RasValidateEntryNameW(NULL, NAME_W) == ERROR_ALREADY_EXISTS, "validate: exists");
        check_get_entry_w(NULL);
        check_sizes();
        check_enum(NAME_W, 1);
        check_credentials();
        rc = RasRenameEntryW(NULL, NAME_W, RENAMED_W);
        CHECK(rc == 0, "RasRenameEntryW: %lu", rc);
        check_enum(RENAMED_W, 1);
        CHECK(RasDeleteEntryW(NULL, RENAMED_W) == 0, "RasDeleteEntryW");
        CHECK(RasDeleteEntryW(NULL, RENAMED_W) == ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, "delete 2");
        check_enum(RENAMED_W, 0);
        check_ansi();
        check_devices_and_errors();
        check_dos_path();
        check_unsupported();
        if (failures)
            break;
    }
    if (loops > WARM_UP && !failures) {
        usage_now(&bytes1, &handles1);
        printf("after warm-up: committed bytes %lu -> %lu, handles %lu -> %lu\n",
               (unsigned long)bytes0, (unsigned long)bytes1, handles0, handles1);
        CHECK(bytes0 > 0, "no memory figure to compare");
        CHECK(bytes1 <= bytes0 + 64 * 1024, "committed bytes grew");
        CHECK(handles1 <= handles0, "handles grew");
    }
    printf("%s (%d failure(s))\n", failures ? "FAIL" : "ok", failures);
    return failures;
}
