/* The test ISP: our PPP engine in the server role in a child process,
 * listening on a unix socket that ras-modem-sim bridges a call to
 * (--bridge=unix:PATH). It authenticates user "demo" with password "demo"
 * by MS-CHAPv2, CHAP-MD5 or PAP, hands out fixed addresses and answers
 * pings, one session per call. */
#ifndef RAS_TESTS_SUPPORT_ISP_H
#define RAS_TESTS_SUPPORT_ISP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* What the ISP reports after each session (one byte, these bits). */
#define ISP_SESSION_UP   1        /* the network came up */
#define ISP_SESSION_DOWN 2        /* the client closed it with LCP */

struct isp_config {
    const char *hostname;
    uint32_t local_ip, peer_ip;   /* host order; local_ip is also the DNS */
    bool concurrent;              /* a process per session, so calls overlap */
};

struct isp {
    pid_t pid;
    int ctl;                      /* closing it ends the child */
    int report;                   /* one byte per session served */
    char path[100];               /* the listening socket */
    char bridge[120];             /* the simulator's --bridge option for it */
};

/* Listens on th_tmpdir()/isp and forks the child; false if it could not. */
bool isp_start(struct isp *isp, const struct isp_config *cfg);
/* The next session's report (ISP_SESSION_* bits), -1 if none came in time. */
int isp_next_report(const struct isp *isp, int timeout_ms);
/* Ends the child and removes the socket; true if every session could be
 * served (the child exited 0). Safe on a failed or stopped isp. */
bool isp_stop(struct isp *isp);

/* A ppp_secret_fn that knows one user, "demo", password "demo": the
 * credentials every test entry dials with. */
bool isp_demo_secret(void *ctx, const char *user, char *secret, size_t cap);

#endif
