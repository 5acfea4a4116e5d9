// The user and group databases for pwd and grp: one user and one group,
// the ones getuid() and getgid() name. Emscripten 3.1.6's libc has stubs
// that find nobody, so pwd.getpwuid(os.getuid()) and getpass.getuser()
// (with USER unset, as under the isthmus command) raised KeyError. The user is
// called $USER (Emscripten's default environment: web_user), lives in $HOME
// (/home/web_user), both as they were at the first lookup, and its group has
// its name.
//
// cmake/StdlibExtensions.cmake compiles pwdmodule.c and grpmodule.c with
// -Dgetpwuid_r=isthmus_getpwuid_r and so on: the libc's stubs sit in one
// object with functions we need, so they cannot be replaced at link time.
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// The entries are fixed at their first use, as a database is: a later change
// of HOME must not move the home directory (os.path.expanduser with HOME unset
// asks pwd for the home that HOME named).
static char user_name_buf[256], home_buf[1024];

static void snapshot(char *buf, size_t size, const char *name, const char *fallback) {
  if (*buf) return;
  const char *value = getenv(name);
  if (!value || !*value || strlen(value) >= size) value = fallback;
  strcpy(buf, value);
}

static const char *user_name(void) {
  snapshot(user_name_buf, sizeof user_name_buf, "USER", "web_user");
  return user_name_buf;
}

static const char *home_dir(void) {
  snapshot(home_buf, sizeof home_buf, "HOME", "/home/web_user");
  return home_buf;
}

// Copies s into buf after its first *used bytes; NULL when it does not fit.
static char *put(char *buf, size_t size, size_t *used, const char *s) {
  size_t n = strlen(s) + 1;
  if (n > size - *used) return NULL;
  char *at = memcpy(buf + *used, s, n);
  *used += n;
  return at;
}

static int fill_passwd(struct passwd *pw, char *buf, size_t size, struct passwd **result) {
  size_t used = 0;
  *result = NULL;
  pw->pw_name = put(buf, size, &used, user_name());
  pw->pw_passwd = put(buf, size, &used, "x");
  pw->pw_gecos = put(buf, size, &used, "");
  pw->pw_dir = put(buf, size, &used, home_dir());
  pw->pw_shell = put(buf, size, &used, "/bin/sh");
  if (!pw->pw_name || !pw->pw_passwd || !pw->pw_gecos || !pw->pw_dir || !pw->pw_shell) return ERANGE;
  pw->pw_uid = getuid();
  pw->pw_gid = getgid();
  *result = pw;
  return 0;
}

static int fill_group(struct group *gr, char *buf, size_t size, struct group **result) {
  *result = NULL;
  // gr_mem, an empty NULL-terminated list, first: it needs a pointer's alignment.
  size_t skip = (alignof(char *) - (uintptr_t)buf % alignof(char *)) % alignof(char *);
  if (size < skip + sizeof(char *)) return ERANGE;
  size_t used = skip + sizeof(char *);
  gr->gr_mem = (char **)(buf + skip);
  gr->gr_mem[0] = NULL;
  gr->gr_name = put(buf, size, &used, user_name());
  gr->gr_passwd = put(buf, size, &used, "x");
  if (!gr->gr_name || !gr->gr_passwd) return ERANGE;
  gr->gr_gid = getgid();
  *result = gr;
  return 0;
}

// Not found is 0 with *result NULL, as glibc and musl answer.
int isthmus_getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t size, struct passwd **result) {
  *result = NULL;
  return uid == getuid() ? fill_passwd(pw, buf, size, result) : 0;
}

int isthmus_getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t size, struct passwd **result) {
  *result = NULL;
  return strcmp(name, user_name()) == 0 ? fill_passwd(pw, buf, size, result) : 0;
}

int isthmus_getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t size, struct group **result) {
  *result = NULL;
  return gid == getgid() ? fill_group(gr, buf, size, result) : 0;
}

int isthmus_getgrnam_r(const char *name, struct group *gr, char *buf, size_t size, struct group **result) {
  *result = NULL;
  return strcmp(name, user_name()) == 0 ? fill_group(gr, buf, size, result) : 0;
}

// getpwent()/getgrent(): the one entry, then NULL until set*ent() rewinds.
enum { ENTRY_BUF = 4096 };
static int passwd_read, group_read;

void isthmus_setpwent(void) { passwd_read = 0; }
void isthmus_endpwent(void) { passwd_read = 0; }

struct passwd *isthmus_getpwent(void) {
  static struct passwd pw;
  static char buf[ENTRY_BUF];
  struct passwd *result;
  if (passwd_read) return NULL;
  passwd_read = 1;
  int err = fill_passwd(&pw, buf, sizeof buf, &result);
  if (err) errno = err;
  return result;
}

void isthmus_setgrent(void) { group_read = 0; }
void isthmus_endgrent(void) { group_read = 0; }

struct group *isthmus_getgrent(void) {
  static struct group gr;
  static alignas(char *) char buf[ENTRY_BUF];
  struct group *result;
  if (group_read) return NULL;
  group_read = 1;
  int err = fill_group(&gr, buf, sizeof buf, &result);
  if (err) errno = err;
  return result;
}
