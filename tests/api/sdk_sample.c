/* A program written the way the Windows SDK documentation's samples use
 * the phonebook API: unsuffixed names, the default entry as a template,
 * RasEnumEntries first with no buffer to learn the size, then with one.
 * It must compile against our headers unchanged in spirit (only the
 * Windows allocator is swapped for calloc) and find the entries it made.
 * It works in a scratch directory it removes. Exit 0 when it saw all
 * three entries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ras.h>
#include <raserror.h>

static DWORD
make_entry(LPCSTR lpszPhonebook, LPCSTR lpszEntry, LPCSTR lpszNumber)
{
    RASENTRY RasEntry;
    DWORD dwSize = sizeof(RasEntry);
    memset(&RasEntry, 0, sizeof(RasEntry));
    RasEntry.dwSize = sizeof(RASENTRY);
    DWORD dwRet = RasGetEntryProperties(lpszPhonebook, "", &RasEntry, &dwSize, NULL, NULL);
    if (dwRet != ERROR_SUCCESS)
        return dwRet;
    dwRet = RasValidateEntryName(lpszPhonebook, lpszEntry);
    if (dwRet != ERROR_SUCCESS && dwRet != ERROR_CANNOT_OPEN_PHONEBOOK)
        return dwRet;
    strcpy(RasEntry.szLocalPhoneNumber, lpszNumber);
    strcpy(RasEntry.szDeviceName, "loopback");
    return RasSetEntryProperties(lpszPhonebook, lpszEntry, &RasEntry, sizeof(RasEntry), NULL, 0);
}

static int
enumerate(const char *szPhonebook, const char *const names[3])
{
    DWORD dwCb = 0, dwEntries = 0, dwRet;
    LPRASENTRYNAME lpRasEntryName = NULL;
    /* First call: no buffer, to be told the size. */
    dwRet = RasEnumEntries(NULL, szPhonebook, lpRasEntryName, &dwCb, &dwEntries);
    if (dwRet != ERROR_BUFFER_TOO_SMALL) {
        printf("sizing call returned %lu\n", (unsigned long)dwRet);
        return 1;
    }
    lpRasEntryName = (LPRASENTRYNAME)calloc(1, dwCb);
    if (lpRasEntryName == NULL)
        return 1;
    lpRasEntryName[0].dwSize = sizeof(RASENTRYNAME);
    dwRet = RasEnumEntries(NULL, szPhonebook, lpRasEntryName, &dwCb, &dwEntries);
    int seen = 0;
    if (dwRet == ERROR_SUCCESS) {
        printf("The following RAS entry names were found:\n");
        for (DWORD i = 0; i < dwEntries; i++) {
            printf("%s\n", lpRasEntryName[i].szEntryName);
            for (int k = 0; k < 3; k++)
                seen += strcmp(lpRasEntryName[i].szEntryName, names[k]) == 0;
        }
    }
    free(lpRasEntryName);
    lpRasEntryName = NULL;
    return dwRet == ERROR_SUCCESS && dwEntries == 3 && seen == 3 ? 0 : 1;
}

int
main(void)
{
    char dir[] = "/tmp/openras-sdk-sample.XXXXXX", szPhonebook[MAX_PATH], path[MAX_PATH + 8];
    const char *const names[3] = { "Sample One", "Sample Two", "Sample Three" };
    CHAR szError[512];
    int rc = 0;
    if (!mkdtemp(dir))
        return 99;
    snprintf(szPhonebook, sizeof(szPhonebook), "%s/sample.pbk", dir);
    for (int i = 0; i < 3 && rc == 0; i++) {
        DWORD dwRet = make_entry(szPhonebook, names[i], "5550100");
        if (dwRet != ERROR_SUCCESS) {
            RasGetErrorString(dwRet, szError, sizeof(szError));
            printf("creating %s: %lu %s\n", names[i], (unsigned long)dwRet, szError);
            rc = 1;
        }
    }
    if (rc == 0)
        rc = enumerate(szPhonebook, names);
    unlink(szPhonebook);
    snprintf(path, sizeof(path), "%s.lock", szPhonebook);
    unlink(path);
    rmdir(dir);
    return rc;
}
