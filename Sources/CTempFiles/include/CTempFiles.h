#ifndef CTEMPFILES_H
#define CTEMPFILES_H

/// Temporary files to remove when the process is ended by SIGINT, SIGTERM or SIGHUP. The paths are kept in a
/// fixed table the signal handler reads without allocating or locking (it calls only unlink, signal and raise,
/// which are async-signal-safe), then the signal is raised again with its default action, so the process still
/// ends by that signal. A signal the process ignores (nohup) stays ignored.

/// Records a path to remove on those signals; installs the handlers the first time. Returns the slot to pass to
/// `frontier_temp_forget`, or -1 when the path is too long or the table is full (the file is then not removed
/// by a signal, as before).
int frontier_temp_remember(const char *path);

/// Forgets a slot (the file was renamed into place or removed).
void frontier_temp_forget(int slot);

#endif
