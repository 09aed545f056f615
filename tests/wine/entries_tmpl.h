/* The phonebook checks of prog_entries.c, written once for both forms:
 * prog_entries.c includes this twice, with FORM_W or FORM_A defined, so
 * the W and A calls get the very same checks. */
#ifdef FORM_W
#define TCH WCHAR
#define X(f) f##W
#define LIT_(s) L##s
#define LIT(s) LIT_(s)
#define T_CMP lstrcmpW
#define T_CPY lstrcpynW
#define SHOW(s) wt_u8(s)
#define FORM "W"
#define CRED_USER L"J\u00fcrgen"
#else
#define TCH CHAR
#define X(f) f##A
#define LIT(s) s
#define T_CMP lstrcmpA
#define T_CPY lstrcpynA
#define SHOW(s) acp_u8(s)
#define FORM "A"
#define CRED_USER "J\xfcrgen"        /* u-umlaut in the Western code page (1252) */
#endif

static BOOL
X(find_entry)(const TCH *pbk, const TCH *name, DWORD *count)
{
    static X(RASENTRYNAME) names[64];
    DWORD cb = sizeof(names), n = 0;
    memset(names, 0, sizeof(names));
    names[0].dwSize = sizeof(names[0]);
    DWORD rc = X(RasEnumEntries)(NULL, pbk, names, &cb, &n);
    *count = n;
    if (rc != 0) {
        wt_note("RasEnumEntries" FORM " answered %lu", (unsigned long)rc);
        return FALSE;
    }
    for (DWORD i = 0; i < n; i++)
        if (T_CMP(names[i].szEntryName, name) == 0)
            return TRUE;
    return FALSE;
}

/* The loopback entry's settings, on top of the defaults RasGetEntryProperties
 * gives for the empty name (Windows' way of asking for a new entry). */
static BOOL
X(make_entry)(const TCH *pbk, X(RASENTRY) *e, const TCH *phone)
{
    DWORD cb = sizeof(*e);
    memset(e, 0, sizeof(*e));
    e->dwSize = sizeof(*e);
    if (!wt_eq(X(RasGetEntryProperties)(pbk, LIT(""), e, &cb, NULL, NULL), 0,
               "RasGetEntryProperties" FORM " gives the defaults for a new entry"))
        return FALSE;
    T_CPY(e->szLocalPhoneNumber, phone, RAS_MaxPhoneNumber + 1);
    T_CPY(e->szDeviceType, LIT("modem"), RAS_MaxDeviceType + 1);
    T_CPY(e->szDeviceName, LIT("loopback"), RAS_MaxDeviceName + 1);
    e->dwFramingProtocol = RASFP_Ppp;
    e->dwfNetProtocols = RASNP_Ip;
    e->dwType = RASET_Phone;
    return TRUE;
}

/* Saved credentials and dial parameters of an entry, back as saved. */
static void
X(credentials)(const TCH *pbk, const TCH *entry)
{
    X(RASCREDENTIALS) c;
    memset(&c, 0, sizeof(c));
    c.dwSize = sizeof(c);
    c.dwMask = RASCM_UserName | RASCM_Password;
    T_CPY(c.szUserName, CRED_USER, UNLEN + 1);
    T_CPY(c.szPassword, LIT("s3cr\u00e9t"), PWLEN + 1);
    wt_eq(X(RasSetCredentials)(pbk, entry, &c, FALSE), 0, "RasSetCredentials" FORM);
    memset(&c, 0, sizeof(c));
    c.dwSize = sizeof(c);
    c.dwMask = RASCM_UserName | RASCM_Password;
    wt_eq(X(RasGetCredentials)(pbk, entry, &c), 0, "RasGetCredentials" FORM);
    wt_ok(T_CMP(c.szUserName, CRED_USER) == 0 && (c.dwMask & RASCM_UserName),
          "gives the user name back (%s)", SHOW(c.szUserName));
    X(RASDIALPARAMS) p;
    BOOL has_password = FALSE;
    memset(&p, 0, sizeof(p));
    p.dwSize = sizeof(p);
    T_CPY(p.szEntryName, entry, RAS_MaxEntryName + 1);
    wt_eq(X(RasGetEntryDialParams)(pbk, &p, &has_password), 0, "RasGetEntryDialParams" FORM);
    wt_ok(T_CMP(p.szUserName, CRED_USER) == 0, "with the same user name (%s)",
          SHOW(p.szUserName));
    wt_ok(has_password, "and a saved password");
}

static void
X(entries)(const TCH *pbk, const TCH *name, const TCH *renamed, const TCH *kept)
{
    const char *where = pbk ? "a DOS-path phonebook" : "the default phonebook";
    X(RASENTRY) e, got;
    DWORD cb, count = 0;
    wt_note("%s form, %s, entry \"%s\"", FORM, where, SHOW(name));
    if (!pbk)                     /* the other phonebook does not exist yet */
        wt_eq(X(RasValidateEntryName)(pbk, name), 0,
              "RasValidateEntryName" FORM " of a new name");
    if (!X(make_entry)(pbk, &e, LIT("555 0100")))
        return;
    wt_eq(X(RasSetEntryProperties)(pbk, name, &e, sizeof(e), NULL, 0), 0,
          "RasSetEntryProperties" FORM " creates \"%s\"", SHOW(name));
    wt_eq(X(RasValidateEntryName)(pbk, name), ERROR_ALREADY_EXISTS,
          "RasValidateEntryName" FORM " of it now: 183");
    wt_eq(X(RasValidateEntryName)(pbk, renamed), 0,
          "RasValidateEntryName" FORM " of a name not taken");
    wt_ok(X(find_entry)(pbk, name, &count), "RasEnumEntries" FORM " lists it");
    if (!pbk)
        wt_ok(X(find_entry)(pbk, LIT(WT_ENTRY), &count),
              "RasEnumEntries" FORM " lists the entry the Linux side wrote");
    if (count >= 2) {
        X(RASENTRYNAME) one[1];
        one[0].dwSize = sizeof(one[0]);
        cb = sizeof(one);
        DWORD n = 0;
        wt_eq(X(RasEnumEntries)(NULL, pbk, one, &cb, &n), ERROR_BUFFER_TOO_SMALL,
              "RasEnumEntries" FORM " into one slot: 603");
        wt_eq(cb, count * sizeof(one[0]), "and *lpcb is the size of all %lu",
              (unsigned long)count);
    }

    memset(&got, 0, sizeof(got));
    got.dwSize = sizeof(got);
    cb = sizeof(got);
    wt_eq(X(RasGetEntryProperties)(pbk, name, &got, &cb, NULL, NULL), 0,
          "RasGetEntryProperties" FORM " reads it back");
    wt_ok(T_CMP(got.szLocalPhoneNumber, LIT("555 0100")) == 0, "with its phone number (%s)",
          SHOW(got.szLocalPhoneNumber));
    wt_ok(T_CMP(got.szDeviceName, LIT("loopback")) == 0, "and its device");
    cb = 0;
    wt_eq(X(RasGetEntryProperties)(pbk, name, NULL, &cb, NULL, NULL), ERROR_BUFFER_TOO_SMALL,
          "RasGetEntryProperties" FORM " with no buffer: 603");
    wt_ok(cb >= sizeof(got), "and the size needed (%lu)", (unsigned long)cb);

    wt_eq(X(RasRenameEntry)(pbk, name, renamed), 0, "RasRenameEntry" FORM " to \"%s\"",
          SHOW(renamed));
    cb = sizeof(got);
    wt_eq(X(RasGetEntryProperties)(pbk, name, &got, &cb, NULL, NULL),
          ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, "the old name is gone: 623");
    cb = sizeof(got);
    wt_eq(X(RasGetEntryProperties)(pbk, renamed, &got, &cb, NULL, NULL), 0,
          "the new name reads");
    wt_eq(X(RasDeleteEntry)(pbk, renamed), 0, "RasDeleteEntry" FORM);
    cb = sizeof(got);
    wt_eq(X(RasGetEntryProperties)(pbk, renamed, &got, &cb, NULL, NULL),
          ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, "the deleted entry is gone: 623");
    wt_eq(X(RasDeleteEntry)(pbk, renamed), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY,
          "deleting it again: 623");
    wt_ok(!X(find_entry)(pbk, renamed, &count), "RasEnumEntries" FORM " no longer lists it");

    /* one entry stays, for the runner to read from Linux in UTF-8 */
    if (!X(make_entry)(pbk, &e, LIT("555 0199")) ||
        !wt_eq(X(RasSetEntryProperties)(pbk, kept, &e, sizeof(e), NULL, 0), 0,
               "RasSetEntryProperties" FORM " leaves \"%s\" for the Linux side", SHOW(kept)))
        return;
    X(credentials)(pbk, kept);
}

#undef TCH
#undef X
#undef LIT
#undef LIT_
#undef T_CMP
#undef T_CPY
#undef SHOW
#undef FORM
#undef CRED_USER
