/* A PPPoE entry as rasmand is asked to dial it: the service name from
 * PhoneNumber= (Windows' convention), the AC from our PppoeAcName= in
 * front of it ("AC\service", split by the port at the first backslash),
 * a service holding a backslash kept whole behind an empty AC, and a
 * pair too long for the request refused (87). */
#include <stdio.h>
#include <string.h>

#include "ras.h"
#include "raserror.h"

#include "harness.h"
#include "ipc/ipc_proto.h"
#include "lib/dial_resolve.h"
#include "lib/pbk_ini.h"
#include "lib/pbk_store.h"

static uint32_t
number_of(const char *ac, const char *service, char *out, size_t cap)
{
    char path[512], text[1024];
    snprintf(path, sizeof(path), "%s/p.pbk", th_tmpdir());
    snprintf(text, sizeof(text),
             "[DSL]\r\nType=5\r\n\r\nMEDIA=rastapi\r\nPort=eth0\r\nDevice=eth0\r\n\r\n"
             "DEVICE=PPPoE\r\n%s%s%sPhoneNumber=%s\r\n", ac ? "PppoeAcName=" : "", ac ? ac : "",
             ac ? "\r\n" : "", service);
    FILE *f = fopen(path, "we");
    REQUIRE(f != NULL);
    fputs(text, f);
    fclose(f);
    struct ini_doc doc;
    memset(&doc, 0, sizeof(doc));
    uint32_t rc = pbk_load(path, false, &doc);
    if (rc == 0) {
        struct ipc_dial_req d;
        rc = ras_dial_req_from_section(&doc, "DSL", "", &d);
        if (rc == 0) {
            snprintf(out, cap, "%s", d.phone);
            CHECK_STR(d.device_type, "PPPoE");
            CHECK_STR(d.device_name, "eth0");
        }
    }
    ini_free(&doc);
    return rc;
}

static void
t_service_and_ac(void)
{
    char n[512];
    REQUIRE_EQ(number_of(NULL, "isp", n, sizeof(n)), 0);
    CHECK_STR(n, "isp");
    REQUIRE_EQ(number_of(NULL, "", n, sizeof(n)), 0);
    CHECK_STR(n, "");
    REQUIRE_EQ(number_of("ac-one", "isp", n, sizeof(n)), 0);
    CHECK_STR(n, "ac-one\\isp");
    REQUIRE_EQ(number_of("ac-one", "", n, sizeof(n)), 0);
    CHECK_STR(n, "ac-one\\");
    REQUIRE_EQ(number_of(NULL, "dom\\svc", n, sizeof(n)), 0);
    CHECK_STR(n, "\\dom\\svc");
}

static void
t_too_long(void)
{
    char ac[200], svc[200], n[512];
    memset(ac, 'a', sizeof(ac) - 1);
    ac[sizeof(ac) - 1] = '\0';
    memset(svc, 's', sizeof(svc) - 1);
    svc[sizeof(svc) - 1] = '\0';
    CHECK_EQ(number_of(ac, svc, n, sizeof(n)), ERROR_INVALID_PARAMETER);
}

int
main(void)
{
    TH_RUN(t_service_and_ac);
    TH_RUN(t_too_long);
    return th_done();
}
