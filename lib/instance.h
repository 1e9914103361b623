/*
 * instance: the directory layout of one emulated router.
 *
 *   config/juniper.conf      committed configuration
 *   config/juniper.conf.N    rollback N (1..49)
 *   db/                      candidates, locks, commit journal (mode 0700)
 *   var/log/                 messages, daemon logs
 *   var/run/                 mgd.sock, daemon sockets, pid files
 *   ports                    port-to-wire map
 */
#ifndef ROUTEMU_INSTANCE_H
#define ROUTEMU_INSTANCE_H

#include <stddef.h>

#define INST_CONFIG		"config/juniper.conf"
#define INST_CONFIG_DIR		"config"
#define INST_DB_DIR		"db"
#define INST_LOG_DIR		"var/log"
#define INST_RUN_DIR		"var/run"
#define INST_MGD_SOCK		"var/run/mgd.sock"
#define INST_MESSAGES		"var/log/messages"
#define INST_PORTS		"ports"
#define INST_MAX_ROLLBACK	49

/* out = dir "/" rel. Returns 0, or -1 (errno ENAMETOOLONG) when it does not fit. */
int	 instance_path(char *out, size_t outlen, const char *dir, const char *rel);
/* config/juniper.conf.N for N >= 1, config/juniper.conf for N == 0. */
int	 instance_rollback_path(char *out, size_t outlen, const char *dir, int n);
/* mkdir -p of the layout (0755; db 0700). Existing directories are fine. 0 / -1. */
int	 instance_create(const char *dir);
/* $ROUTEMU_INSTANCE, or NULL when unset or empty. */
const char *instance_dir_default(void);

#endif
