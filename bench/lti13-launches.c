// LTI 1.3 launch load generator in C (DRIVER=c bench/run13.sh): the same full launches, protocol
// and report as lti13-launches.mjs, from a generator whose own CPU per launch is little more than
// the platform's RS256 signature (OpenSSL's libcrypto). The generator shares the machine's cores
// with the server under test, so what it spends is taken from the server: Node's costs about
// 0.51 ms of CPU per launch, of which the signature is ~0.30 ms and the rest JavaScript around it;
// this one about 0.41 ms, of which ~0.33 ms in user space (the signature, and some string copies)
// and ~0.08 ms the kernel's work on its sockets (loopback TCP, wake-ups), which any client pays.
// No libraries but OpenSSL and pthreads.
//
// One "full launch" is what a browser does: GET /lti13/login (302 to the platform, binding
// cookie), the platform signs an id_token for that login's nonce, POST /lti13/launch with
// id_token, state and cookie (303), GET of the landing page (the student's chat). The platform's
// JWKS is served from this process, by a thread of its own; LTI Bridge fetches it once and keeps it.
// CLIENTS threads drive the launches, each over a kept-alive HTTP/1.1 connection of its own
// (blocking socket, TCP_NODELAY, each request written in one send(), opened again when the server
// closes it), taking launch numbers from a shared counter.
//
// Build: gcc -O2 -Wall -Wextra -o lti13-launches bench/lti13-launches.c -lcrypto -lpthread
// Usage: lti13-launches BASE_URL CLIENTS WARMUP LAUNCHES SETUP_FILE
// BASE_URL is plain http with an IPv4 host, e.g. http://127.0.0.1:8191/. SETUP_FILE receives
// "issuer client_id deployment_id" once the keyset is served and is deleted by run13.sh when the
// platform is registered; SETUP_FILE.measuring and SETUP_FILE.measured are created when the
// measured launches start and end (the generator waits for run13.sh to delete the latter, so that
// its CPU time can still be read). Exits with 1 after the report if a measured launch failed.
#define _GNU_SOURCE
#include <errno.h>
#include <math.h> /* NAN and isnan only: no -lm */
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define LTI "https://purl.imsglobal.org/spec/lti/claim/"
#define CLIENT_ID "bench-client"
#define DEPLOYMENT "bench-deployment"
#define STUDENTS 200
#define CHAT_PATH "/lamb/v1/lti/chat"
#define IO_TIMEOUT_S 120 /* a request the server has not answered by then counts as failed */

/* ------------------------------------------------------------------------------------------ */
/* Small helpers: errors, time, growable strings, JSON, base64url, URL encoding, UUIDs.        */

static void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("lti13-launches: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(1);
}

static void die_ssl(const char *what) {
  ERR_print_errors_fp(stderr);
  die("%s failed", what);
}

/** Monotonic time in nanoseconds (process.hrtime.bigint()). */
static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/** A growable byte string; NUL-terminated only by buf_cstr. */
typedef struct {
  char *p;
  size_t len, cap;
} buf;

static void buf_reserve(buf *b, size_t extra) {
  if (b->cap - b->len >= extra) return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap - b->len < extra) cap *= 2;
  char *p = realloc(b->p, cap);
  if (p == NULL) die("out of memory");
  b->p = p;
  b->cap = cap;
}

static void buf_add(buf *b, const void *s, size_t n) {
  buf_reserve(b, n);
  memcpy(b->p + b->len, s, n);
  b->len += n;
}

static void buf_str(buf *b, const char *s) { buf_add(b, s, strlen(s)); }

static void buf_long(buf *b, long long v) {
  char t[24];
  buf_add(b, t, (size_t)snprintf(t, sizeof t, "%lld", v));
}

/** The text with a NUL after it (not counted in len). */
static char *buf_cstr(buf *b) {
  buf_reserve(b, 1);
  b->p[b->len] = 0;
  return b->p;
}

/** The characters of a JSON string, escaped as JSON.stringify does (no quotes around them). */
static void buf_json_chars(buf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  buf_reserve(b, n * 6);
  char *o = b->p + b->len;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') {
      *o++ = '\\';
      *o++ = (char)c;
    } else if (c < 0x20) {
      *o++ = '\\';
      switch (c) {
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        default:
          *o++ = 'u', *o++ = '0', *o++ = '0', *o++ = hex[c >> 4], *o++ = hex[c & 15];
      }
    } else {
      *o++ = (char)c;
    }
  }
  b->len = (size_t)(o - b->p);
}

/** A JSON string literal (JSON.stringify of a string). */
static void buf_json(buf *b, const char *s) {
  buf_add(b, "\"", 1);
  buf_json_chars(b, s, strlen(s));
  buf_add(b, "\"", 1);
}

/** A JSON object member with a string value: "name":"value". */
static void buf_member(buf *b, const char *name, const char *value) {
  buf_json(b, name);
  buf_add(b, ":", 1);
  buf_json(b, value);
}

/** Base64url without padding (Buffer's 'base64url'). */
static void buf_b64url(buf *b, const void *data, size_t n) {
  static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const unsigned char *s = data;
  buf_reserve(b, (n + 2) / 3 * 4);
  char *o = b->p + b->len;
  size_t i = 0;
  for (; i + 3 <= n; i += 3) {
    uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
    *o++ = a[v >> 18], *o++ = a[v >> 12 & 63], *o++ = a[v >> 6 & 63], *o++ = a[v & 63];
  }
  if (n - i == 1) {
    uint32_t v = (uint32_t)s[i] << 16;
    *o++ = a[v >> 18], *o++ = a[v >> 12 & 63];
  } else if (n - i == 2) {
    uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8;
    *o++ = a[v >> 18], *o++ = a[v >> 12 & 63], *o++ = a[v >> 6 & 63];
  }
  b->len = (size_t)(o - b->p);
}

/** encodeURIComponent: every octet but A-Z a-z 0-9 - _ . ! ~ * ' ( ) as %XX. */
static void buf_uri(buf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789ABCDEF";
  buf_reserve(b, n * 3);
  char *o = b->p + b->len;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        (c != 0 && strchr("-_.!~*'()", c) != NULL)) {
      *o++ = (char)c;
    } else {
      *o++ = '%', *o++ = hex[c >> 4], *o++ = hex[c & 15];
    }
  }
  b->len = (size_t)(o - b->p);
}

static int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/** A query parameter's value decoded as URLSearchParams does ('+' a space, %XX): 0, or -1 if an
 *  escape is malformed (decodeURIComponent throws). */
static int buf_unescape(buf *b, const char *s, size_t n) {
  buf_reserve(b, n);
  char *o = b->p + b->len;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '+') {
      *o++ = ' ';
    } else if (s[i] == '%') {
      int hi = i + 2 < n ? hex_digit(s[i + 1]) : -1, lo = i + 2 < n ? hex_digit(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) return -1;
      *o++ = (char)(hi << 4 | lo);
      i += 2;
    } else {
      *o++ = s[i];
    }
  }
  b->len = (size_t)(o - b->p);
  return 0;
}

/** A random (version 4) UUID, as crypto.randomUUID() gives it. */
static void uuid(char out[37]) {
  static const char hex[] = "0123456789abcdef";
  unsigned char r[16];
  if (RAND_bytes(r, sizeof r) != 1) die_ssl("RAND_bytes");
  r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
  r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
  char *o = out;
  for (int i = 0; i < 16; i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10) *o++ = '-';
    *o++ = hex[r[i] >> 4];
    *o++ = hex[r[i] & 15];
  }
  *o = 0;
}

static int contains(const char *p, size_t n, const char *word) {
  return memmem(p, n, word, strlen(word)) != NULL;
}

/** Whether p[0..n) contains `word`, ignoring ASCII case. */
static int contains_ci(const char *p, size_t n, const char *word) {
  size_t w = strlen(word);
  for (size_t i = 0; i + w <= n; i++)
    if (strncasecmp(p + i, word, w) == 0) return 1;
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The server's base URL, and URLs resolved against it.                                        */

static struct {
  char *href;        /* BASE_URL, ending in '/' */
  char *origin;      /* "http://host:port" */
  size_t origin_len;
  char *host;        /* the Host header: the URL's host:port */
  char *dir;         /* the base path's directory, ending in '/' */
  struct sockaddr_in addr;
} base;

static void parse_base(const char *arg) {
  buf h = {0};
  buf_str(&h, arg);
  if (h.len == 0 || arg[h.len - 1] != '/') buf_str(&h, "/");
  base.href = buf_cstr(&h);
  if (strncasecmp(base.href, "http://", 7) != 0) die("BASE_URL must be a plain http:// URL: %s", arg);
  const char *authority = base.href + 7;
  size_t alen = strcspn(authority, "/?#");
  const char *path = authority + alen;
  if (*path != '/') die("BASE_URL has no path: %s", arg);
  base.host = strndup(authority, alen);
  base.origin = strndup(base.href, 7 + alen);
  base.origin_len = 7 + alen;
  size_t plen = strcspn(path, "?#");
  while (path[plen - 1] != '/') plen--;
  base.dir = strndup(path, plen);

  char *hostname = strdup(base.host), *port = strrchr(hostname, ':');
  if (port != NULL) *port++ = 0;
  struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *ai;
  int rc = getaddrinfo(hostname, port != NULL && *port ? port : "80", &hints, &ai);
  if (rc != 0) die("BASE_URL's host %s: %s", base.host, gai_strerror(rc));
  memcpy(&base.addr, ai->ai_addr, sizeof base.addr);
  freeaddrinfo(ai);
  free(hostname);
}

/** The length of s's scheme and ':' if it starts with one (/^[a-z][a-z0-9+.-]*:/i), or 0. */
static size_t scheme_len(const char *s, size_t n) {
  size_t i = 0;
  if (n == 0 || !((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z')) return 0;
  while (i < n && (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
                   s[i] == '+' || s[i] == '.' || s[i] == '-'))
    i++;
  return i < n && s[i] == ':' ? i + 1 : 0;
}

/** The length of the "scheme://authority" of an absolute URL, or of the "//authority" of a
 *  network-path reference: what follows is the path and query. */
static size_t authority_end(const char *s, size_t n) {
  size_t i = scheme_len(s, n);
  if (i + 2 <= n && s[i] == '/' && s[i + 1] == '/') {
    i += 2;
    while (i < n && s[i] != '/' && s[i] != '?' && s[i] != '#') i++;
  }
  return i;
}

/**
 * Appends the request target (path and query) for `path`, as lti-client.mjs resolves it against
 * the base: absolute ("/lamb/..."), a URL of the base's origin (a Location header) or relative to
 * the base's directory ("lti13/login?..."). -1 for a URL of another origin.
 */
static int append_target(buf *o, const char *p, size_t n) {
  const char *hash = memchr(p, '#', n);
  if (hash != NULL) n = (size_t)(hash - p);
  if (n > 0 && p[0] == '/') {
    buf_add(o, p, n);
  } else if (scheme_len(p, n) > 0) {
    size_t a = authority_end(p, n);
    if (a != base.origin_len || strncasecmp(p, base.origin, a) != 0) return -1;
    if (a == n || p[a] != '/') buf_add(o, "/", 1);
    buf_add(o, p + a, n - a);
  } else {
    buf_str(o, base.dir);
    buf_add(o, p, n);
  }
  return 0;
}

/** Whether a launch's Location is the chat page: its path, resolved against the base, is
 *  CHAT_PATH (dot segments are not resolved: the server writes none). */
static int is_chat(const char *loc, size_t n) {
  const char *p = loc;
  size_t m = n;
  char joined[4096];
  if (scheme_len(loc, n) > 0 || (n >= 2 && loc[0] == '/' && loc[1] == '/')) {
    size_t a = authority_end(loc, n);
    p += a;
    m -= a;
  } else if (n == 0 || loc[0] != '/') {
    int k = snprintf(joined, sizeof joined, "%s%.*s", base.dir, (int)n, loc);
    if (k < 0 || (size_t)k >= sizeof joined) return 0;
    p = joined;
    m = (size_t)k;
  }
  size_t cl = strlen(CHAT_PATH);
  return m >= cl && memcmp(p, CHAT_PATH, cl) == 0 && (m == cl || p[cl] == '?' || p[cl] == '#');
}

/**
 * The first value of a query parameter of the URL u[0..n), decoded into *out ('+' a space), as
 * new URL(u).searchParams.get(name) gives it: 1, or 0 if there is none (or it is malformed).
 */
static int query_param(const char *u, size_t n, const char *name, buf *out) {
  const char *q = memchr(u, '?', n);
  if (q == NULL) return 0;
  const char *hash = memchr(q, '#', (size_t)(u + n - q));
  const char *end = hash != NULL ? hash : u + n;
  size_t k = strlen(name);
  out->len = 0;
  for (const char *at = q + 1; at < end;) {
    const char *next = memchr(at, '&', (size_t)(end - at));
    if (next == NULL) next = end;
    size_t len = (size_t)(next - at);
    if (len > k && memcmp(at, name, k) == 0 && at[k] == '=')
      return buf_unescape(out, at + k + 1, len - k - 1) == 0;
    if (len == k && memcmp(at, name, k) == 0) return 1; /* "name" with no "=" */
    at = next + 1;
  }
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The HTTP/1.1 client: one kept-alive connection per client thread, one request at a time.    */
/* It covers what LTI Bridge (Payara Micro / Grizzly) answers, as lti-client.mjs does:          */
/* Content-Length and chunked bodies, and connections the server closes (Connection: close,     */
/* e.g. after its maximum of requests per connection).                                         */

typedef struct {
  int status;
  const char *location; /* NULL if none */
  size_t location_len;
  const char *cookie; /* the first Set-Cookie's value, NULL if none */
  size_t cookie_len;
  const char *body;
  size_t body_len;
} response; /* its fields point into the connection's input: valid until its next request */

typedef struct {
  int fd;        /* -1 when not connected */
  buf out;       /* the request being sent */
  buf in;        /* the response being read (a chunked body is decoded in place) */
  char err[512]; /* why the last request failed */
} conn;

/** Records why a request failed; -1. */
static int fail(conn *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(c->err, sizeof c->err, fmt, ap);
  va_end(ap);
  return -1;
}

static void close_conn(conn *c) {
  if (c->fd >= 0) close(c->fd);
  c->fd = -1;
}

static int open_conn(conn *c) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return fail(c, "socket: %s", strerror(errno));
  int one = 1;
  struct timeval timeout = {IO_TIMEOUT_S, 0};
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  if (connect(fd, (struct sockaddr *)&base.addr, sizeof base.addr) < 0) {
    int e = errno;
    close(fd);
    return fail(c, "connecting to %s: %s", base.host, strerror(e));
  }
  c->fd = fd;
  return 0;
}

/** Whether a kept-alive connection is still open: nothing to read, and no end of stream. */
static int still_open(int fd) {
  char b;
  ssize_t n = recv(fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

static int send_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
    if (k < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

/** Reads more of the response: the bytes read, 0 at the end of the stream, -1 on an error. */
static ssize_t fill(conn *c) {
  buf_reserve(&c->in, 16384);
  ssize_t n;
  do n = recv(c->fd, c->in.p + c->in.len, c->in.cap - c->in.len, 0);
  while (n < 0 && errno == EINTR);
  if (n > 0) c->in.len += (size_t)n;
  return n;
}

/** The offset of the CRLF at or after `from` in the input, reading more as needed; -1 if the
 *  stream ends first. */
static ssize_t find_crlf(conn *c, size_t from) {
  for (size_t scan = from;;) {
    const char *crlf = c->in.len > scan ? memmem(c->in.p + scan, c->in.len - scan, "\r\n", 2) : NULL;
    if (crlf != NULL) return crlf - c->in.p;
    if (c->in.len > from) scan = c->in.len - 1;
    if (fill(c) <= 0) return -1;
  }
}

enum { READ_OK = 0, READ_FAILED = -1, READ_NOTHING = -2 /* closed before a byte of the answer */ };

/** Reads a response: status line, header fields (case-insensitive names), then the body, by
 *  Content-Length, chunked or up to the end of the stream. */
static int read_response(conn *c, response *r) {
  c->in.len = 0;
  size_t head_len = 0, scan = 0;
  for (;;) {
    const char *end = c->in.len >= 4 ? memmem(c->in.p + scan, c->in.len - scan, "\r\n\r\n", 4) : NULL;
    if (end != NULL) {
      head_len = (size_t)(end - c->in.p);
      break;
    }
    scan = c->in.len > 3 ? c->in.len - 3 : 0;
    ssize_t n = fill(c);
    if (n == 0 || (n < 0 && (errno == ECONNRESET || errno == EPIPE))) {
      if (c->in.len == 0) {
        fail(c, "the server closed the connection before answering");
        return READ_NOTHING;
      }
      return fail(c, "the server closed the connection mid-response");
    }
    if (n < 0) return fail(c, "receiving: %s", strerror(errno));
  }

  const char *h = c->in.p;
  if (head_len < 12 || memcmp(h, "HTTP/1.", 7) != 0)
    return fail(c, "not an HTTP/1.x response: %.*s", (int)(head_len < 80 ? head_len : 80), h);
  int http11 = h[7] == '1';
  r->status = 0;
  for (int i = 9; i < 12; i++) {
    if (h[i] < '0' || h[i] > '9') return fail(c, "malformed status line: %.*s", 40, h);
    r->status = r->status * 10 + (h[i] - '0');
  }
  /* The fields needed, as offsets (the input may move as more of it is read). */
  size_t location = 0, location_len = 0, cookie = 0, cookie_len = 0;
  int has_location = 0, has_cookie = 0, chunked = 0, close_token = 0, keep_alive_token = 0;
  long long length = -1;
  const char *first_crlf = memmem(h, head_len + 2, "\r\n", 2); /* found: the head ends in CRLF CRLF */
  for (size_t at = (size_t)(first_crlf - h) + 2; at < head_len + 2;) {
    const char *crlf = memmem(h + at, head_len + 2 - at, "\r\n", 2);
    size_t line_end = (size_t)(crlf - h), colon = at;
    while (colon < line_end && h[colon] != ':') colon++;
    if (colon > at && colon < line_end) {
      size_t ns = at, ne = colon, vs = colon + 1, ve = line_end;
      while (ns < ne && (h[ns] == ' ' || h[ns] == '\t')) ns++;
      while (ne > ns && (h[ne - 1] == ' ' || h[ne - 1] == '\t')) ne--;
      while (vs < ve && (h[vs] == ' ' || h[vs] == '\t')) vs++;
      while (ve > vs && (h[ve - 1] == ' ' || h[ve - 1] == '\t')) ve--;
      const char *name = h + ns, *value = h + vs;
      size_t nl = ne - ns, vl = ve - vs;
#define IS(field) (nl == sizeof field - 1 && strncasecmp(name, field, nl) == 0)
      if (IS("location")) {
        if (!has_location) location = vs, location_len = vl, has_location = 1;
      } else if (IS("set-cookie")) {
        if (!has_cookie) cookie = vs, cookie_len = vl, has_cookie = 1;
      } else if (IS("content-length")) {
        if (length < 0) { /* a repeat is dropped, as node:http does */
          length = 0;
          for (size_t i = 0; i < vl; i++) {
            if (value[i] < '0' || value[i] > '9' || length > (1LL << 40))
              return fail(c, "bad Content-Length");
            length = length * 10 + (value[i] - '0');
          }
        }
      } else if (IS("transfer-encoding")) {
        chunked |= contains_ci(value, vl, "chunked");
      } else if (IS("connection")) {
        close_token |= contains_ci(value, vl, "close");
        keep_alive_token |= contains_ci(value, vl, "keep-alive");
      }
#undef IS
    }
    at = line_end + 2;
  }
  int keep_alive = http11 ? !close_token : keep_alive_token;

  size_t body = head_len + 4, body_len, end;
  if (r->status < 200 || r->status == 204 || r->status == 304) {
    body_len = 0; /* no body (1xx is not expected from the server) */
    end = body;
  } else if (chunked) {
    /* Chunks are moved down over their size lines as they arrive: the body ends up contiguous. */
    size_t w = body, at = body;
    for (;;) {
      ssize_t crlf = find_crlf(c, at);
      if (crlf < 0) return fail(c, "the server closed the connection mid-response");
      size_t size = 0, i = at;
      while (i < (size_t)crlf && (c->in.p[i] == ' ' || c->in.p[i] == '\t')) i++;
      size_t digits = i;
      for (int d; i < (size_t)crlf && (d = hex_digit(c->in.p[i])) >= 0; i++) {
        if (size > ((size_t)1 << 40)) return fail(c, "chunk too large");
        size = size * 16 + (size_t)d; /* chunk extensions after ';' are ignored */
      }
      if (i == digits) return fail(c, "malformed chunk size");
      at = (size_t)crlf + 2;
      if (size == 0) break;
      while (c->in.len < at + size + 2)
        if (fill(c) <= 0) return fail(c, "the server closed the connection mid-response");
      memmove(c->in.p + w, c->in.p + at, size);
      w += size;
      at += size;
      if (c->in.p[at] != '\r' || c->in.p[at + 1] != '\n') return fail(c, "malformed chunked body");
      at += 2;
    }
    for (;;) { /* trailer fields, skipped, up to an empty line */
      ssize_t crlf = find_crlf(c, at);
      if (crlf < 0) return fail(c, "the server closed the connection mid-response");
      int empty = (size_t)crlf == at;
      at = (size_t)crlf + 2;
      if (empty) break;
    }
    body_len = w - body;
    end = at;
  } else if (length >= 0) {
    while (c->in.len < body + (size_t)length)
      if (fill(c) <= 0) return fail(c, "the server closed the connection mid-response");
    body_len = (size_t)length;
    end = body + body_len;
  } else {
    ssize_t n; /* the body runs until the server closes the connection */
    while ((n = fill(c)) > 0) {}
    if (n < 0) return fail(c, "receiving: %s", strerror(errno));
    body_len = c->in.len - body;
    end = c->in.len;
    keep_alive = 0;
  }
  if (c->in.len > end) return fail(c, "more data than the response"); /* no pipelining */

  r->location = has_location ? c->in.p + location : NULL;
  r->location_len = location_len;
  r->cookie = has_cookie ? c->in.p + cookie : NULL;
  r->cookie_len = cookie_len;
  r->body = c->in.p + body;
  r->body_len = body_len;
  if (!keep_alive) close_conn(c); /* the next request opens a new connection */
  return READ_OK;
}

/**
 * One request on the connection, opened (again) as needed: 0 with the response in *r, or -1 with
 * the reason in c->err. `headers` are more header lines ("Name: value\r\n"...), `body` NULL for
 * none. `path` may point into the previous response (a Location): it is copied before that goes.
 * A kept-alive connection that the server closed before answering is retried once on a new one.
 */
static int http(conn *c, const char *method, const char *path, size_t path_len, const buf *headers,
                const buf *body, response *r) {
  buf *o = &c->out;
  o->len = 0;
  buf_str(o, method);
  buf_add(o, " ", 1);
  if (append_target(o, path, path_len) < 0)
    return fail(c, "this client only speaks to %s: %.*s", base.origin, (int)path_len, path);
  buf_str(o, " HTTP/1.1\r\nHost: ");
  buf_str(o, base.host);
  buf_str(o, "\r\n");
  if (headers != NULL) buf_add(o, headers->p, headers->len);
  if (body != NULL) {
    buf_str(o, "Content-Length: ");
    buf_long(o, (long long)body->len);
    buf_str(o, "\r\n");
  }
  buf_str(o, "\r\n");
  if (body != NULL) buf_add(o, body->p, body->len);

  for (int attempt = 0;; attempt++) {
    int reused = c->fd >= 0;
    if (reused && !still_open(c->fd)) {
      close_conn(c);
      reused = 0;
    }
    if (c->fd < 0 && open_conn(c) < 0) return -1;
    int rc;
    if (send_all(c->fd, o->p, o->len) < 0) {
      fail(c, "sending: %s", strerror(errno));
      rc = READ_NOTHING;
    } else {
      rc = read_response(c, r);
    }
    if (rc == READ_OK) return 0;
    close_conn(c);
    if (rc != READ_NOTHING || !reused || attempt > 0) return -1;
  }
}

/* ------------------------------------------------------------------------------------------ */
/* The platform: its key and keyset, and the id_tokens it signs.                              */

static EVP_PKEY *platform_key;
static EVP_MD *sha256;
static char *issuer;
static char kid[48];
static char placement[48];
static buf jwt_header;      /* base64url of the JOSE header */
static buf claims_start;    /* the claims' constant members before "sub"'s value */
static buf claims_tails[2]; /* the members after "email" (the LTI claims) for a Learner, an Instructor */
static buf login_start, login_end; /* the login request's target, but for its login_hint */
static atomic_long jwks_fetches;
static buf jwks_response; /* the keyset's whole HTTP response */

/** Serves the keyset: any request is answered 200 with it, and the connection closed. */
static void *platform_thread(void *arg) {
  int listener = (int)(intptr_t)arg;
  char request[16384];
  for (;;) {
    int fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno != EINTR && errno != ECONNABORTED) usleep(10000);
      continue;
    }
    struct timeval timeout = {10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    size_t len = 0;
    int complete = 0;
    while (!complete && len < sizeof request) {
      ssize_t n = recv(fd, request + len, sizeof request - len, 0);
      if (n <= 0) break;
      len += (size_t)n;
      complete = memmem(request, len, "\r\n\r\n", 4) != NULL;
    }
    if (complete) {
      atomic_fetch_add(&jwks_fetches, 1);
      send_all(fd, jwks_response.p, jwks_response.len);
      shutdown(fd, SHUT_WR); /* then wait for the client to close: no reset of the answer */
      while (recv(fd, request, sizeof request, 0) > 0) {}
    }
    close(fd);
  }
  return NULL;
}

/** The platform's key, its keyset's response, and the keyset's server on an ephemeral port. */
static void start_platform(void) {
  platform_key = EVP_RSA_gen(2048);
  if (platform_key == NULL) die_ssl("RSA key generation");
  char id[37];
  uuid(id);
  snprintf(kid, sizeof kid, "bench-%s", id);

  BIGNUM *n = NULL, *e = NULL;
  if (!EVP_PKEY_get_bn_param(platform_key, OSSL_PKEY_PARAM_RSA_N, &n) ||
      !EVP_PKEY_get_bn_param(platform_key, OSSL_PKEY_PARAM_RSA_E, &e))
    die_ssl("reading the RSA key");
  unsigned char nb[1024], eb[64];
  if (BN_num_bytes(n) > (int)sizeof nb || BN_num_bytes(e) > (int)sizeof eb) die("RSA key too large");
  int nl = BN_bn2bin(n, nb), el = BN_bn2bin(e, eb);
  BN_free(n);
  BN_free(e);
  buf jwks = {0};
  buf_str(&jwks, "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"");
  buf_b64url(&jwks, nb, (size_t)nl);
  buf_str(&jwks, "\",\"e\":\"");
  buf_b64url(&jwks, eb, (size_t)el);
  buf_str(&jwks, "\",");
  buf_member(&jwks, "kid", kid);
  buf_str(&jwks, ",\"alg\":\"RS256\",\"use\":\"sig\"}]}");
  buf_str(&jwks_response, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ");
  buf_long(&jwks_response, (long long)jwks.len);
  buf_str(&jwks_response, "\r\nConnection: close\r\n\r\n");
  buf_add(&jwks_response, jwks.p, jwks.len);
  free(jwks.p);

  int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t alen = sizeof addr;
  if (listener < 0 || bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, 64) < 0 ||
      getsockname(listener, (struct sockaddr *)&addr, &alen) < 0)
    die("the keyset's server: %s", strerror(errno));
  pthread_t thread;
  if (pthread_create(&thread, NULL, platform_thread, (void *)(intptr_t)listener) != 0) die("pthread_create");
  pthread_detach(thread);
  buf is = {0};
  buf_str(&is, "http://127.0.0.1:");
  buf_long(&is, ntohs(addr.sin_port));
  issuer = buf_cstr(&is);
}

/** What stays the same from one id_token or login to the next, written once. */
static void prepare_requests(void) {
  buf header = {0};
  buf_str(&header, "{\"alg\":\"RS256\",");
  buf_member(&header, "kid", kid);
  buf_str(&header, ",\"typ\":\"JWT\"}");
  buf_b64url(&jwt_header, header.p, header.len);
  free(header.p);

  /* The claims in the order of lti13-launches.mjs: iss, aud, sub, iat, exp, nonce, name, email,
   * then the LTI claims. */
  buf_str(&claims_start, "{");
  buf_member(&claims_start, "iss", issuer);
  buf_str(&claims_start, ",");
  buf_member(&claims_start, "aud", CLIENT_ID);
  buf_str(&claims_start, ",\"sub\":");

  buf target_link = {0};
  buf_str(&target_link, base.href);
  buf_str(&target_link, "lamb/v1/lti/launch");
  buf_cstr(&target_link);
  for (int instructor = 0; instructor < 2; instructor++) {
    buf *t = &claims_tails[instructor];
    buf_member(t, LTI "message_type", "LtiResourceLinkRequest");
    buf_str(t, ",");
    buf_member(t, LTI "version", "1.3.0");
    buf_str(t, ",");
    buf_member(t, LTI "deployment_id", DEPLOYMENT);
    buf_str(t, ",");
    buf_member(t, LTI "target_link_uri", target_link.p);
    buf_str(t, ",");
    buf_json(t, LTI "resource_link");
    buf_str(t, ":{");
    buf_member(t, "id", placement);
    buf_str(t, "},");
    buf_json(t, LTI "roles");
    buf_str(t, ":[");
    buf_json(t, instructor ? "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
                           : "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner");
    buf_str(t, "],");
    buf_json(t, LTI "context");
    buf_str(t, ":{");
    buf_member(t, "id", "bench-course");
    buf_str(t, ",");
    buf_member(t, "title", "Benchmark 101");
    buf_str(t, "}}");
  }

  buf_str(&login_start, "lti13/login?iss=");
  buf_uri(&login_start, issuer, strlen(issuer));
  buf_str(&login_start, "&login_hint=");
  buf_str(&login_end, "&target_link_uri=");
  buf_uri(&login_end, target_link.p, target_link.len);
  buf_str(&login_end, "&client_id=" CLIENT_ID);
  free(target_link.p);
}

/* ------------------------------------------------------------------------------------------ */
/* Launches.                                                                                   */

struct run;

typedef struct {
  conn c;
  EVP_PKEY *key;   /* this client's copy of the platform's key */
  EVP_MD_CTX *md;  /* its signing context */
  buf target, headers, body, claims, token, state, nonce;
  struct run *run; /* the run its thread takes part in */
} client;

/** The platform's id_token for a login's nonce (RS256: RSASSA-PKCS1-v1_5 with SHA-256), in
 *  cl->token; -1 if the signing failed. */
static int id_token(client *cl, const char *user, int instructor) {
  buf *cj = &cl->claims, *t = &cl->token;
  long long now = (long long)time(NULL);
  size_t ul = strlen(user);
  cj->len = 0;
  buf_add(cj, claims_start.p, claims_start.len);
  buf_add(cj, "\"", 1);
  buf_json_chars(cj, user, ul);
  buf_str(cj, "\",\"iat\":");
  buf_long(cj, now);
  buf_str(cj, ",\"exp\":");
  buf_long(cj, now + 300);
  buf_str(cj, ",\"nonce\":\"");
  buf_json_chars(cj, cl->nonce.p, cl->nonce.len);
  buf_str(cj, "\",\"name\":\"Bench ");
  buf_json_chars(cj, user, ul);
  buf_str(cj, "\",\"email\":\"");
  if (instructor) {
    buf_str(cj, "demo-instructor@example.edu");
  } else {
    buf_json_chars(cj, user, ul);
    buf_str(cj, "@example.edu");
  }
  buf_str(cj, "\",");
  buf_add(cj, claims_tails[instructor].p, claims_tails[instructor].len);

  t->len = 0;
  buf_add(t, jwt_header.p, jwt_header.len);
  buf_add(t, ".", 1);
  buf_b64url(t, cj->p, cj->len);
  unsigned char signature[1024];
  size_t signature_len = sizeof signature;
  if (EVP_DigestSignInit(cl->md, NULL, sha256, NULL, cl->key) != 1 ||
      EVP_DigestSign(cl->md, signature, &signature_len, (const unsigned char *)t->p, t->len) != 1) {
    ERR_clear_error();
    return fail(&cl->c, "signing the id_token failed");
  }
  buf_add(t, ".", 1);
  buf_b64url(t, signature, signature_len);
  return 0;
}

/**
 * Login and launch as `user`: 0 with the launch's response in *r and, if `steps` is not NULL, the
 * times (ns) of the login, the signing and the launch POST in steps[0..2]; -1 if a request failed
 * or the login did not answer as it should (the reason in cl->c.err).
 */
static int login_and_launch(client *cl, const char *user, int instructor, int64_t *steps, response *r) {
  int64_t t0 = now_ns();
  char hint[37];
  uuid(hint);
  buf *t = &cl->target;
  t->len = 0;
  buf_add(t, login_start.p, login_start.len);
  buf_add(t, hint, 36);
  buf_add(t, login_end.p, login_end.len);
  if (http(&cl->c, "GET", t->p, t->len, NULL, NULL, r) < 0) return -1;
  int64_t t1 = now_ns();
  if (r->status != 302)
    return fail(&cl->c, "login: %d %.*s", r->status, (int)(r->body_len < 300 ? r->body_len : 300), r->body);
  if (r->location == NULL || r->cookie == NULL) return fail(&cl->c, "login: no Location or no Set-Cookie");
  if (!query_param(r->location, r->location_len, "state", &cl->state) ||
      !query_param(r->location, r->location_len, "nonce", &cl->nonce))
    return fail(&cl->c, "login: no state or nonce in %.*s", (int)r->location_len, r->location);
  /* The binding cookie: the first Set-Cookie's name=value. */
  buf *h = &cl->headers;
  const char *semicolon = memchr(r->cookie, ';', r->cookie_len);
  h->len = 0;
  buf_str(h, "Content-Type: application/x-www-form-urlencoded\r\nCookie: ");
  buf_add(h, r->cookie, semicolon != NULL ? (size_t)(semicolon - r->cookie) : r->cookie_len);
  buf_str(h, "\r\n");
  if (id_token(cl, user, instructor) < 0) return -1;
  int64_t t2 = now_ns();
  buf *b = &cl->body;
  b->len = 0;
  buf_str(b, "id_token=");
  buf_add(b, cl->token.p, cl->token.len);
  buf_str(b, "&state=");
  buf_uri(b, cl->state.p, cl->state.len);
  if (http(&cl->c, "POST", "lti13/launch", 12, h, b, r) < 0) return -1;
  int64_t t3 = now_ns();
  if (steps != NULL) {
    steps[0] = t1 - t0;
    steps[1] = t2 - t1;
    steps[2] = t3 - t2;
  }
  return 0;
}

/** Gives the client a copy of the platform's key of its own (no shared RSA blinding, no lock). */
static void renew_key(client *cl) {
  EVP_PKEY_free(cl->key);
  cl->key = EVP_PKEY_dup(platform_key);
  if (cl->key == NULL) die_ssl("EVP_PKEY_dup");
}

/** The demo instructor launches into the placement and configures it with the first published
 *  assistant that its setup page offers (configureAfter() in lti-client.mjs). */
static void configure(client *cl) {
  response r;
  renew_key(cl);
  if (login_and_launch(cl, "bench-teacher", 1, NULL, &r) < 0) die("instructor launch: %s", cl->c.err);
  if (r.status != 303 || r.location == NULL)
    die("instructor launch: %d %.*s", r.status, (int)(r.body_len < 500 ? r.body_len : 500), r.body);
  buf token = {0};
  if (!query_param(r.location, r.location_len, "token", &token))
    die("instructor launch: no token in %.*s", (int)r.location_len, r.location);
  if (http(&cl->c, "GET", r.location, r.location_len, NULL, NULL, &r) < 0) die("setup page: %s", cl->c.err);
  static const char marker[] = "name=\"assistant_ids\" value=\"";
  const char *at = memmem(r.body, r.body_len, marker, sizeof marker - 1);
  if (at == NULL) die("setup page: %d, no assistant to choose", r.status);
  at += sizeof marker - 1;
  const char *quote = memchr(at, '"', (size_t)(r.body + r.body_len - at));
  if (quote == NULL) die("setup page: malformed assistant_ids");
  buf form = {0}, headers = {0};
  buf_str(&form, "token=");
  buf_uri(&form, token.p, token.len);
  buf_str(&form, "&assistant_ids=");
  buf_add(&form, at, (size_t)(quote - at));
  buf_str(&headers, "Content-Type: application/x-www-form-urlencoded\r\n");
  if (http(&cl->c, "POST", "lamb/v1/lti/configure", 21, &headers, &form, &r) < 0)
    die("configure: %s", cl->c.err);
  if (r.status != 303)
    die("configure: %d %.*s", r.status, (int)(r.body_len < 500 ? r.body_len : 500), r.body);
  free(token.p);
  free(form.p);
  free(headers.p);
}

static char *students[STUDENTS];
static client *clients;
static int client_count;

/** A run of launches: what its threads share. The times are kept per launch number (-1: not
 *  measured, e.g. the landing page of a launch that failed before it). */
struct run {
  const char *label;
  long total;
  atomic_long next;
  atomic_long errors;
  atomic_int reported;
  int64_t *latency, *signing, *login, *launch, *page;
};

/** A client's launches: one after the other, while launch numbers last. */
static void *client_thread(void *arg) {
  client *cl = arg;
  struct run *run = cl->run;
  for (long i; (i = atomic_fetch_add(&run->next, 1)) < run->total;) {
    int64_t steps[3] = {-1, -1, -1};
    response r, page;
    int ok = 0;
    int64_t t0 = now_ns();
    if (login_and_launch(cl, students[i % STUDENTS], 0, steps, &r) == 0) {
      if (r.status == 303 && r.location != NULL && is_chat(r.location, r.location_len)) {
        int64_t g0 = now_ns();
        if (http(&cl->c, "GET", r.location, r.location_len, NULL, NULL, &page) == 0) {
          run->page[i] = now_ns() - g0;
          /* The chat page itself, with its assistant: not an error page answered 200. */
          ok = page.status == 200 && contains(page.body, page.body_len, "id=\"chat\"") &&
               contains(page.body, page.body_len, "<option value=\"");
          if (!ok)
            fail(&cl->c, "landing page: %d %.*s", page.status,
                 (int)(page.body_len < 300 ? page.body_len : 300), page.body);
        }
      } else {
        fail(&cl->c, "launch: %d to %.*s %.*s", r.status, r.location != NULL ? (int)r.location_len : 0,
             r.location != NULL ? r.location : "", (int)(r.body_len < 300 ? r.body_len : 300), r.body);
      }
    }
    int64_t signing = steps[1] < 0 ? 0 : steps[1];
    run->latency[i] = now_ns() - t0 - signing;
    run->signing[i] = signing;
    run->login[i] = steps[0];
    run->launch[i] = steps[2];
    if (!ok) {
      atomic_fetch_add(&run->errors, 1);
      if (!atomic_exchange(&run->reported, 1))
        fprintf(stderr, "lti13-launches: %s: first failed launch: %s\n", run->label, cl->c.err);
    }
  }
  return NULL;
}

static int compare_ns(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}

/** Drops the unmeasured (-1) entries and sorts the rest; their count. */
static size_t sorted(int64_t *v, size_t n) {
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (v[i] >= 0) v[m++] = v[i];
  qsort(v, m, sizeof *v, compare_ns);
  return m;
}

/** A percentile in ms: sorted[min(len - 1, floor(len * p))], NaN for none (as the Node one). */
static double pct(const int64_t *v, size_t n, double p) {
  if (n == 0) return NAN;
  size_t i = (size_t)((double)n * p); /* floor: n * p >= 0 */
  return (double)v[i < n - 1 ? i : n - 1] / 1e6;
}

/** x.toFixed(2): printf's, but for exact ties, which JavaScript rounds up (x = k/8, k odd, are
 *  the only doubles whose hundredths end in an exact half). */
static const char *fixed2(char out[48], double x) {
  if (isnan(x)) return strcpy(out, "NaN");
  double eighths = x * 8;
  if (x >= 0 && x < 1e12 && eighths == (double)(long long)eighths && ((long long)eighths & 1)) {
    long long hundredths = (long long)(x * 100 + 0.5);
    snprintf(out, 48, "%lld.%02lld", hundredths / 100, hundredths % 100);
  } else {
    snprintf(out, 48, "%.2f", x);
  }
  return out;
}

/** n.toLocaleString('en-US') for an integer: thousands separated by ','. */
static const char *grouped(char out[32], long long n) {
  char digits[24];
  int len = snprintf(digits, sizeof digits, "%lld", n < 0 ? -n : n), o = 0;
  if (n < 0) out[o++] = '-';
  for (int i = 0; i < len; i++) {
    if (i > 0 && (len - i) % 3 == 0) out[o++] = ',';
    out[o++] = digits[i];
  }
  out[o] = 0;
  return out;
}

/** TOTAL launches from all clients; prints the report if `print`, and exits with 1 after it if
 *  a launch failed (where the Node generator throws). */
static void run(const char *label, long total, int print) {
  struct run rs = {.label = label, .total = total};
  int64_t **series[] = {&rs.latency, &rs.signing, &rs.login, &rs.launch, &rs.page};
  for (size_t s = 0; s < 5; s++) {
    *series[s] = malloc(((size_t)total + 1) * sizeof(int64_t));
    if (*series[s] == NULL) die("out of memory");
    memset(*series[s], 0xff, ((size_t)total + 1) * sizeof(int64_t)); /* all -1 */
  }
  pthread_t *threads = calloc((size_t)client_count, sizeof *threads);
  for (int c = 0; c < client_count; c++) {
    clients[c].run = &rs;
    renew_key(&clients[c]); /* its RSA blinding is then made by the thread that signs */
  }
  int64_t start = now_ns();
  for (int c = 0; c < client_count; c++)
    if (pthread_create(&threads[c], NULL, client_thread, &clients[c]) != 0) die("pthread_create");
  for (int c = 0; c < client_count; c++) pthread_join(threads[c], NULL);
  double seconds = (double)(now_ns() - start) / 1e9;
  free(threads);

  if (print) {
    size_t n = (size_t)total;
    size_t nl = sorted(rs.latency, n), ns = sorted(rs.signing, n), nlogin = sorted(rs.login, n),
           nlaunch = sorted(rs.launch, n), npage = sorted(rs.page, n);
    long errors = atomic_load(&rs.errors);
    char a[32], b[32], p50[48], p99[48], max[48], sign[48];
    printf("%-24s %8s launches  %8s launches/s  p50 %6s ms  p99 %6s ms  max %7s ms  errors %ld"
           "  (platform signing, not counted: p50 %s ms)\n",
           label, grouped(a, total), grouped(b, (long long)(total / seconds + 0.5)),
           fixed2(p50, pct(rs.latency, nl, 0.5)), fixed2(p99, pct(rs.latency, nl, 0.99)),
           fixed2(max, pct(rs.latency, nl, 1)), errors, fixed2(sign, pct(rs.signing, ns, 0.5)));
    char l50[48], l99[48], u50[48], u99[48], g50[48], g99[48];
    printf("  per step p50/p99: login %s/%s ms, launch %s/%s ms, landing page %s/%s ms\n",
           fixed2(l50, pct(rs.login, nlogin, 0.5)), fixed2(l99, pct(rs.login, nlogin, 0.99)),
           fixed2(u50, pct(rs.launch, nlaunch, 0.5)), fixed2(u99, pct(rs.launch, nlaunch, 0.99)),
           fixed2(g50, pct(rs.page, npage, 0.5)), fixed2(g99, pct(rs.page, npage, 0.99)));
    fflush(stdout);
    if (errors > 0) die("%ld launches failed", errors);
  }
  for (size_t s = 0; s < 5; s++) free(*series[s]);
}

/* ------------------------------------------------------------------------------------------ */

static long count_arg(const char *s, const char *what, long min) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno != 0 || end == s || *end != 0 || v < min)
    die("%s must be a number of at least %ld: %s", what, min, s);
  return v;
}

static int exists(const char *path) { return access(path, F_OK) == 0; }

static void touch(const char *path) {
  FILE *f = fopen(path, "w");
  if (f == NULL || fclose(f) != 0) die("%s: %s", path, strerror(errno));
}

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "Usage: lti13-launches BASE_URL CLIENTS WARMUP LAUNCHES SETUP_FILE\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  parse_base(argv[1]);
  client_count = (int)count_arg(argv[2], "CLIENTS", 1);
  long warmup = count_arg(argv[3], "WARMUP", 0), launches = count_arg(argv[4], "LAUNCHES", 0);
  const char *setup_file = argv[5];
  buf measuring = {0}, measured = {0};
  buf_str(&measuring, setup_file);
  buf_str(&measuring, ".measuring");
  buf_str(&measured, setup_file);
  buf_str(&measured, ".measured");
  buf_cstr(&measuring);
  buf_cstr(&measured);

  sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
  if (sha256 == NULL) die_ssl("EVP_MD_fetch(SHA256)");
  start_platform();
  char id[37];
  uuid(id);
  snprintf(placement, sizeof placement, "bench13-%s", id);
  prepare_requests();
  clients = calloc((size_t)client_count, sizeof *clients);
  for (int c = 0; c < client_count; c++) {
    clients[c].c.fd = -1;
    clients[c].md = EVP_MD_CTX_new();
    if (clients[c].md == NULL) die_ssl("EVP_MD_CTX_new");
  }

  FILE *f = fopen(setup_file, "w");
  if (f == NULL || fprintf(f, "%s %s %s\n", issuer, CLIENT_ID, DEPLOYMENT) < 0 || fclose(f) != 0)
    die("%s: %s", setup_file, strerror(errno));
  while (exists(setup_file)) usleep(200000); /* run13.sh registers the platform, then deletes it */

  configure(&clients[0]);
  for (int i = 0; i < STUDENTS; i++) {
    uuid(id);
    students[i] = malloc(32);
    snprintf(students[i], 32, "student-%d-%.6s", i, id);
  }
  run("warm-up", warmup, 0);
  touch(measuring.p);
  run("full LTI 1.3 launches", launches, 1);
  touch(measured.p);
  /* run13.sh reads this process's CPU time, then deletes the file: stay until then. */
  for (int i = 0; i < 100 && exists(measured.p); i++) usleep(100000);
  printf("platform keyset fetched %ld time(s) in all\n", atomic_load(&jwks_fetches));
  return 0;
}
