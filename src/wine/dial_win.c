/* RasDialA and RasDialW for Windows programs, and the Windows thread that
 * delivers their notifications. Wine's headers only (dial_win.h).
 *
 * A synchronous dial is libras's, run on the program's thread. An
 * asynchronous one gives libras the relay's notifier (dial_ras.c), which
 * libras calls on its own pthread; Wine code must not run there (wine.md:
 * the program crashed), so the state goes through the relay
 * (dial_relay.c) to one thread made with CreateThread, which calls the
 * program's RasDialFunc, RasDialFunc1, RasDialFunc2 or posts to its
 * window. That thread exists while a dial or a RasConnectionNotification
 * registration is live and returns when the last one ends. */
#include "dial_win.h"

#include <string.h>

#include <winuser.h>

#include "dial_ras.h"
#include "dial_relay.h"

/* ras.h's values, here where ras.h may not be included. */
#define DIAL_WM_RASDIALEVENT 0xCCCDu
#define DIAL_NOTIFIER_HWND   0xFFFFFFFFu

/* The program's notifiers, with Windows' calling convention. */
typedef VOID (WINAPI *dial_func0)(UINT, DWORD, DWORD);
typedef VOID (WINAPI *dial_func1)(HANDLE, UINT, DWORD, DWORD, DWORD);
typedef DWORD (WINAPI *dial_func2)(ULONG_PTR, DWORD, HANDLE, UINT, DWORD, DWORD, DWORD);

/* RASDIALPARAMS as NT 3.5 laid it out (RAS_MaxEntryName 20,
 * RAS_MaxCallbackNumber 48): 736 bytes A, 1464 W. 32-bit programs built
 * with old headers still pass it. */
#pragma pack(push, 4)
#define DIAL_PARAMS35_FIELDS(T) \
    DWORD dwSize; T szEntryName[21]; T szPhoneNumber[129]; T szCallbackNumber[49]; \
    T szUserName[257]; T szPassword[257]; T szDomain[16];
typedef struct { DIAL_PARAMS35_FIELDS(CHAR) } dial_params35_a;
typedef struct { DIAL_PARAMS35_FIELDS(WCHAR) } dial_params35_w;
#pragma pack(pop)
_Static_assert(sizeof(dial_params35_a) == 736 && sizeof(dial_params35_w) == 1464,
               "NT 3.5 RASDIALPARAMS");

/* The message a window notifier gets: the one registered under
 * "RasDialEvent" (what programs register to recognise it), else
 * WM_RASDIALEVENT, as Windows documents for RasDial. */
static UINT
dial_message(void)
{
    static LONG msg;
    if (!msg) {
        UINT m = RegisterWindowMessageA("RasDialEvent");
        InterlockedExchange(&msg, (LONG)(m ? m : DIAL_WM_RASDIALEVENT));
    }
    return (UINT)msg;
}

/* One notification, on the Windows thread. false: no more for this dial
 * (a RasDialFunc2 that returned 0). */
static bool
deliver(const struct dial_relay_call *c)
{
    HANDLE h = dial_win_hconn(c->handle);
    switch (c->t.type) {
    case 0:
        ((dial_func0)c->t.fn)(DIAL_WM_RASDIALEVENT, c->state, c->error);
        return true;
    case 1:
        ((dial_func1)c->t.fn)(h, DIAL_WM_RASDIALEVENT, c->state, c->error, c->exterr);
        return true;
    case 2:
        return ((dial_func2)c->t.fn)(c->t.callback_id, c->subentry, h, DIAL_WM_RASDIALEVENT,
                                     c->state, c->error, c->exterr) != 0;
    default:
        /* wParam the state, lParam the error */
        PostMessageW((HWND)c->t.fn, dial_message(), c->state, c->error);
        return true;
    }
}

static DWORD WINAPI
relay_thread(void *arg)
{
    struct dial_relay_call c;
    (void)arg;
    while (dial_relay_wait())
        while (dial_relay_next(&c))
            dial_relay_done(&c, deliver(&c));
    return 0;
}

bool
dial_win_thread_ensure(void)
{
    bool failed;
    if (!dial_relay_thread_needed(&failed))
        return !failed;
    HANDLE t = CreateThread(NULL, 0, relay_thread, NULL, 0, NULL);
    if (!t) {
        dial_relay_thread_failed();
        return false;
    }
    /* it ends by itself; nobody waits for it */
    CloseHandle(t);
    return true;
}

static bool
notifier_type_ok(DWORD type)
{
    return type == 0 || type == 1 || type == 2 || type == DIAL_NOTIFIER_HWND;
}

/* An NT 3.5 RASDIALPARAMS into the newest layout of the same form. */
#define WIDEN35(dst, src) do { \
    (dst)->dwSize = sizeof(*(dst)); \
    memcpy((dst)->szEntryName, (src)->szEntryName, sizeof((src)->szEntryName)); \
    memcpy((dst)->szPhoneNumber, (src)->szPhoneNumber, sizeof((src)->szPhoneNumber)); \
    memcpy((dst)->szCallbackNumber, (src)->szCallbackNumber, sizeof((src)->szCallbackNumber)); \
    memcpy((dst)->szUserName, (src)->szUserName, sizeof((src)->szUserName)); \
    memcpy((dst)->szPassword, (src)->szPassword, sizeof((src)->szPassword)); \
    memcpy((dst)->szDomain, (src)->szDomain, sizeof((src)->szDomain)); \
} while (0)

/* A string of n characters of form f that ends inside its array. */
static bool
ends_inside(enum wl_form f, const void *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (f == WL_FORM_W ? ((const WCHAR *)s)[i] == 0 : ((const char *)s)[i] == 0)
            return true;
    return false;
}

/* The two fields NT 3.5 had shorter end inside them (the others have
 * their newest sizes, and the conversion checks them after widening). */
#define NCHARS(a) (sizeof(a) / sizeof((a)[0]))
#define ENDS35(f, p) (ends_inside(f, (p)->szEntryName, NCHARS((p)->szEntryName)) && \
    ends_inside(f, (p)->szCallbackNumber, NCHARS((p)->szCallbackNumber)))

/* Both forms' newest layouts, so an NT 3.5 struct can be widened into one. */
union dial_params_any {
    WL_RASDIALPARAMSA a;
    WL_RASDIALPARAMSW w;
};

/* The caller's RASDIALPARAMS (form f, a size checked by the caller) as
 * libras takes it, in *u; its dwCallbackId in *cbid. 87 for a bad string.
 * Nothing is allocated: the KB Q257647 loop stays flat. */
static uint32_t
read_params(enum wl_form f, const void *params, WL_RASDIALPARAMSA *u, ULONG_PTR *cbid)
{
    DWORD size = *(const DWORD *)params;
    union dial_params_any wide;
    uint32_t rc;

    *cbid = 0;
    if (size == (f == WL_FORM_W ? sizeof(dial_params35_w) : sizeof(dial_params35_a))) {
        /* a string that fills its short array is refused, not run into
         * the next field when widened */
        if (f == WL_FORM_W ? !ENDS35(f, (const dial_params35_w *)params)
                           : !ENDS35(f, (const dial_params35_a *)params))
            return ERROR_INVALID_PARAMETER;
        memset(&wide, 0, sizeof(wide));
        if (f == WL_FORM_W)
            WIDEN35(&wide.w, (const dial_params35_w *)params);
        else
            WIDEN35(&wide.a, (const dial_params35_a *)params);
        params = &wide;
        size = *(const DWORD *)params;
    }
    rc = win_struct_to_u(WL_RASDIALPARAMS, f, params, size, u);
    /* the program's own callback id, for its RasDialFunc2 */
    if (!rc && wl_size_version(WL_RASDIALPARAMS, f, size) >= 0x401)
        *cbid = u->dwCallbackId;
    SecureZeroMemory(&wide, sizeof(wide));
    return rc;
}

/* RasDial's checks in Windows' order (as libras makes them), then the
 * dial. pbk is already a Unix path (or NULL). */
static DWORD
dial(const void *ext, const char *pbk, enum wl_form f, const void *params, DWORD type,
     void *notifier, HANDLE *ph)
{
    WL_RASDIALPARAMSA u;
    uint32_t options, id = 0;
    ULONG_PTR cbid;
    uint64_t h;
    DWORD rc;

    if (!params || !ph)
        return ERROR_INVALID_PARAMETER;
    DWORD size = *(const DWORD *)params;
    if (size != (f == WL_FORM_W ? sizeof(dial_params35_w) : sizeof(dial_params35_a)) &&
        wl_size_version(WL_RASDIALPARAMS, f, size) < 0)
        return WB_ERROR_INVALID_SIZE;
    /* RASDIALEXTENSIONS has no string: its form does not matter */
    if (ext && win_struct_version(WL_RASDIALEXTENSIONS, WL_FORM_A, ext) < 0)
        return WB_ERROR_INVALID_SIZE;
    if (notifier && !notifier_type_ok(type))
        return ERROR_INVALID_PARAMETER;
    /* a handle resumes a paused dial, and none exists (libras's answer) */
    if (*ph)
        return ERROR_INVALID_HANDLE;
    h = 0;
    if ((rc = read_params(f, params, &u, &cbid)) != 0)
        goto out;
    if (notifier) {
        struct dial_relay_target t = { .type = type, .fn = notifier, .callback_id = cbid };
        if ((rc = dial_relay_begin(&t, &id)) != 0)
            goto out;
    }
    options = ext ? ((const WL_RASDIALEXTENSIONSA *)ext)->dwfOptions : 0;
    rc = dial_ras_dial(ext ? &options : NULL, pbk, &u, id, &h);
    /* a connection exists: the program gets its handle, and hangs it up */
    if (h)
        *ph = dial_win_hconn(h);
    if (!id)
        goto out;
    if (rc) {
        dial_relay_end(id);
    } else {
        dial_relay_started(id, h);
        if (!dial_win_thread_ensure()) {
            dial_relay_end(id);
            rc = ERROR_NOT_ENOUGH_MEMORY;
        }
    }
out:
    SecureZeroMemory(&u, sizeof(u));
    return rc;
}

/* RasDial of either form: the phonebook's DOS path becomes the Unix one
 * libras opens (NULL: the Linux user's default, the one rasphone lists). */
static DWORD
dial_form(void *ext, const void *pbk, enum wl_form f, void *params, DWORD type,
          void *notifier, HANDLE *ph)
{
    char *unix_pbk = NULL;
    DWORD rc = win_pbk_path(f, pbk, &unix_pbk);
    if (!rc)
        rc = dial(ext, unix_pbk, f, params, type, notifier, ph);
    HeapFree(GetProcessHeap(), 0, unix_pbk);
    return rc;
}

DWORD WINAPI
bridge_RasDialW(void *ext, LPCWSTR pbk, void *params, DWORD type, void *notifier, HANDLE *ph)
{
    return dial_form(ext, pbk, WL_FORM_W, params, type, notifier, ph);
}

DWORD WINAPI
bridge_RasDialA(void *ext, LPCSTR pbk, void *params, DWORD type, void *notifier, HANDLE *ph)
{
    return dial_form(ext, pbk, WL_FORM_A, params, type, notifier, ph);
}
