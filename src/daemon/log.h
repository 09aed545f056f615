/* rasmand's log: one line per event on stderr (the journal, under systemd),
 * with context (handle, entry, state), never a secret. Connections and the
 * socket side both log; neither needs the other to do it. */
#ifndef RAS_DAEMON_LOG_H
#define RAS_DAEMON_LOG_H

/* How much to log: 0 errors only (the default), 1 info (-v), 2 debug (-vv:
 * every state change). One daemon per process, so one setting. */
void log_set_verbosity(int verbose);

/* level 0 error, 1 info, 2 debug: printed when level <= the verbosity, as
 * one line in which anything that is not clean text (text.h) is escaped. */
void log_msg(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
