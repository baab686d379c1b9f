#include "CTempFiles.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

enum { SLOTS = 64, PATH_BYTES = 4096 };

static char paths[SLOTS][PATH_BYTES];
/// 1 while the slot holds a path; written after the path's bytes, so the handler never reads a half-copied one.
static int used[SLOTS];
static int installed;

static void remove_and_reraise(int sig) {
    int saved = errno;
    for (int i = 0; i < SLOTS; i++) {
        if (__atomic_load_n(&used[i], __ATOMIC_ACQUIRE) == 1) unlink(paths[i]);
    }
    signal(sig, SIG_DFL);
    raise(sig);  // delivered when the handler returns: the process ends by the signal
    errno = saved;
}

static void install(void) {
    int expected = 0;
    if (!__atomic_compare_exchange_n(&installed, &expected, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) return;
    const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction old;
        if (sigaction(signals[i], NULL, &old) != 0 || old.sa_handler == SIG_IGN) continue;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = remove_and_reraise;
        sigemptyset(&action.sa_mask);
        sigaction(signals[i], &action, NULL);
    }
}

int frontier_temp_remember(const char *path) {
    size_t n = strlen(path);
    if (n >= PATH_BYTES) return -1;
    install();
    for (int i = 0; i < SLOTS; i++) {
        int expected = 0;
        // 2: claimed, being filled (the handler skips it).
        if (__atomic_compare_exchange_n(&used[i], &expected, 2, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            memcpy(paths[i], path, n + 1);
            __atomic_store_n(&used[i], 1, __ATOMIC_RELEASE);
            return i;
        }
    }
    return -1;
}

void frontier_temp_forget(int slot) {
    if (slot >= 0 && slot < SLOTS) __atomic_store_n(&used[slot], 0, __ATOMIC_RELEASE);
}
