/*
 * wsload: the benchmark's second, independent echo driver (C11, Linux epoll, libc only).
 *
 * It opens N WebSocket connections (a real HTTP/1.1 upgrade, the 101 and Sec-WebSocket-Accept
 * checked), then runs a closed-loop echo: each connection keeps W messages of S bytes in flight and
 * queues the next as soon as an echo comes back. Every frame is masked with a fresh random key (RFC
 * 6455 §5.3: "the masking key ... MUST be ... unpredictable", as browsers do it), every message's
 * contents differ (its sequence number and connection id first, then a stretch of a random template
 * starting at a place derived from both), and every byte of every echo is checked, in order.
 *
 * With --raw it speaks no WebSocket at all: each message is its S payload bytes, unframed and
 * unmasked, over plain TCP to an echo server that sends back what it reads (io.wssocket.bench.
 * RawTcpEchoServer): the floor a WebSocket server's CPU per message is compared with, the same bytes
 * checked the same way.
 *
 * It shares no code with the Java drivers (io.wssocket.bench.EchoLoad): a bug in one should not hide
 * in both. Build:   cc -O2 -std=c11 -Wall -Wextra -o wsload wsload.c
 * (bench/run.sh and the suite runner build it into bench/target/wsload.)
 *
 * Prints one line "RESULT key=value ..." on stdout, a readable report on stderr; exits 0 when every
 * echo came back right, 1 on any mismatch, protocol error or failed connection, 2 on bad options.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNECTIONS 10000
#define MAX_SECONDS 600.0
#define MAX_SIZE (4 << 20)
#define MAX_WINDOW 1024
#define MAX_IN_FLIGHT_BYTES (1024LL << 20)
#define MAX_PENDING_HANDSHAKES 100
#define HANDSHAKE_MAX 8192
#define READ_BUFFER 65536
#define TEMPLATE_SPAN 4096 /* how far into the template a message's stretch may start */
#define DRAIN_SECONDS 5.0
#define CLOSE_SECONDS 2.0
#define DETAILED_ERRORS 10

/* ---- options ---------------------------------------------------------------------------- */

enum mode { MODE_TEXT, MODE_UTF8, MODE_BINARY };

static struct {
    const char *server, *host, *path;
    int port, connections, size, window, server_pid;
    double warmup, duration, connect_timeout;
    enum mode mode;
    bool raw;
} opt = {"unknown", "127.0.0.1", "/echo", 8080, 100, 64, 1, 0, 5, 10, 10, MODE_TEXT, false};

static const char USAGE[] =
    "usage: wsload [options]\n"
    "  --server NAME          name of the server under test, copied into the RESULT line\n"
    "  --host HOST            IPv4 address or name of the server (default 127.0.0.1)\n"
    "  --port N               (default 8080)\n"
    "  --path PATH            (default /echo)\n"
    "  --connections C        1..10000 (default 100)\n"
    "  --size S               payload bytes per message, 1..4194304 (default 64)\n"
    "  --window W             messages in flight per connection, 1..1024 (default 1)\n"
    "  --warmup SECONDS       load before measuring, 0..600 (default 5)\n"
    "  --duration SECONDS     measured time, up to 600 (default 10)\n"
    "  --connect-timeout SECONDS  time allowed for all opening handshakes (default 10)\n"
    "  --binary               binary messages (default: ASCII text)\n"
    "  --utf8                 text of mixed 1- to 4-byte UTF-8 characters\n"
    "  --raw                  plain TCP, no WebSocket: each message is its payload bytes, echoed as they are\n"
    "  --server-pid PID       the server's process: its CPU time over the measured window is reported\n";

static void bad_option(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("wsload: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n", stderr);
    fputs(USAGE, stderr);
    exit(2);
}

static long int_in(const char *flag, const char *v, long lo, long hi) {
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || *end || end == v || n < lo || n > hi) {
        bad_option("%s must be a whole number in %ld..%ld, got '%s'", flag, lo, hi, v);
    }
    return n;
}

static double seconds_in(const char *flag, const char *v, double lo, double hi) {
    char *end;
    double s = strtod(v, &end);
    if (*end || end == v || !(s >= lo) || s > hi) {
        bad_option("%s must be seconds in [%g, %g], got '%s'", flag, lo, hi, v);
    }
    return s;
}

static void parse_options(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *f = argv[i];
        if (!strcmp(f, "--help") || !strcmp(f, "-h")) {
            fputs(USAGE, stdout);
            exit(0);
        }
        if (!strcmp(f, "--binary")) { opt.mode = MODE_BINARY; continue; }
        if (!strcmp(f, "--utf8")) { opt.mode = MODE_UTF8; continue; }
        if (!strcmp(f, "--raw")) { opt.raw = true; continue; }
        if (i + 1 >= argc) bad_option("missing value after %s", f);
        const char *v = argv[++i];
        if (!strcmp(f, "--server")) opt.server = v;
        else if (!strcmp(f, "--host")) opt.host = v;
        else if (!strcmp(f, "--path")) opt.path = v;
        else if (!strcmp(f, "--port")) opt.port = (int) int_in(f, v, 1, 65535);
        else if (!strcmp(f, "--connections")) opt.connections = (int) int_in(f, v, 1, MAX_CONNECTIONS);
        else if (!strcmp(f, "--size")) opt.size = (int) int_in(f, v, 1, MAX_SIZE);
        else if (!strcmp(f, "--window")) opt.window = (int) int_in(f, v, 1, MAX_WINDOW);
        else if (!strcmp(f, "--warmup")) opt.warmup = seconds_in(f, v, 0, MAX_SECONDS);
        else if (!strcmp(f, "--duration")) opt.duration = seconds_in(f, v, 0.001, MAX_SECONDS);
        else if (!strcmp(f, "--connect-timeout")) opt.connect_timeout = seconds_in(f, v, 0.001, MAX_SECONDS);
        else if (!strcmp(f, "--server-pid")) opt.server_pid = (int) int_in(f, v, 1, 1 << 30);
        else bad_option("unknown option %s", f);
    }
    if (opt.path[0] != '/') bad_option("--path must start with '/': %s", opt.path);
    if (strpbrk(opt.path, " \r\n") || strpbrk(opt.host, " \r\n")) bad_option("--path and --host take no spaces");
    if ((long long) opt.connections * opt.window * (opt.size + 14) > MAX_IN_FLIGHT_BYTES) {
        bad_option("connections x window x size must stay under %lld bytes", MAX_IN_FLIGHT_BYTES);
    }
}

/* ---- time, random numbers --------------------------------------------------------------- */

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t) t.tv_sec * 1000000000 + t.tv_nsec;
}

/* xoshiro256**, seeded from getrandom(2): fast enough to draw a key per frame. */
static uint64_t rng_state[4];

static void rng_seed(void) {
    size_t got = 0;
    while (got < sizeof rng_state) {
        ssize_t n = getrandom((char *) rng_state + got, sizeof rng_state - got, 0);
        if (n < 0 && errno != EINTR) { perror("wsload: getrandom"); exit(1); }
        if (n > 0) got += (size_t) n;
    }
    if (!(rng_state[0] | rng_state[1] | rng_state[2] | rng_state[3])) rng_state[0] = 1;
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t rng_next(void) {
    uint64_t *s = rng_state;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t; s[3] = rotl(s[3], 45);
    return result;
}

/* ---- SHA-1 (FIPS 180-4) and base64 (RFC 4648), for Sec-WebSocket-Accept ------------------ */

static void sha1(const uint8_t *msg, size_t len, uint8_t out[20]) {
    uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    size_t total = ((len + 8) / 64 + 1) * 64;
    uint8_t block[64];
    for (size_t off = 0; off < total; off += 64) {
        for (size_t i = 0; i < 64; i++) {
            size_t p = off + i;
            block[i] = p < len ? msg[p] : p == len ? 0x80 : 0;
        }
        if (off + 64 == total) {
            uint64_t bits = (uint64_t) len * 8;
            for (int i = 0; i < 8; i++) block[56 + i] = (uint8_t) (bits >> (56 - 8 * i));
        }
        uint32_t w[80];
        for (int i = 0; i < 16; i++) {
            w[i] = (uint32_t) block[4 * i] << 24 | (uint32_t) block[4 * i + 1] << 16
                   | (uint32_t) block[4 * i + 2] << 8 | block[4 * i + 3];
        }
        for (int i = 16; i < 80; i++) {
            uint32_t x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16];
            w[i] = x << 1 | x >> 31;
        }
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; i++) {
            uint32_t f, k;
            if (i < 20) { f = (b & c) | (~b & d); k = 0x5A827999; }
            else if (i < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
            else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
            else { f = b ^ c ^ d; k = 0xCA62C1D6; }
            uint32_t t = (a << 5 | a >> 27) + f + e + k + w[i];
            e = d; d = c; c = b << 30 | b >> 2; b = a; a = t;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
    }
    for (int i = 0; i < 5; i++) {
        out[4 * i] = (uint8_t) (h[i] >> 24); out[4 * i + 1] = (uint8_t) (h[i] >> 16);
        out[4 * i + 2] = (uint8_t) (h[i] >> 8); out[4 * i + 3] = (uint8_t) h[i];
    }
}

static void base64(const uint8_t *in, size_t len, char *out) {
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (size_t i = 0; i < len; i += 3) {
        uint32_t v = (uint32_t) in[i] << 16 | (i + 1 < len ? (uint32_t) in[i + 1] << 8 : 0) | (i + 2 < len ? in[i + 2] : 0);
        out[o++] = digits[v >> 18 & 63];
        out[o++] = digits[v >> 12 & 63];
        out[o++] = i + 1 < len ? digits[v >> 6 & 63] : '=';
        out[o++] = i + 2 < len ? digits[v & 63] : '=';
    }
    out[o] = 0;
}

/* ---- latency histogram: 64 linear steps per power of two (error < 1.6 %) ----------------- */

#define SUB_BITS 6
#define SUB (1 << SUB_BITS)
static uint64_t hist[64 * SUB], hist_count, hist_max;

static int hist_index(uint64_t v) {
    if (v < SUB) return (int) v;
    int exp = 63 - __builtin_clzll(v) - SUB_BITS + 1; /* v >> exp is in [SUB/2, SUB) */
    return exp * SUB / 2 + (int) (v >> exp);
}

static uint64_t hist_upper(int index) { /* the highest value of a bucket */
    if (index < SUB) return (uint64_t) index;
    int exp = index / (SUB / 2) - 1;
    uint64_t base = (uint64_t) (index - exp * SUB / 2);
    return ((base + 1) << exp) - 1;
}

static void hist_record(uint64_t v) {
    hist[hist_index(v)]++;
    hist_count++;
    if (v > hist_max) hist_max = v;
}

static double hist_percentile_us(double p) {
    if (!hist_count) return 0;
    uint64_t rank = (uint64_t) (p / 100.0 * (double) hist_count + 0.5);
    if (rank < 1) rank = 1;
    uint64_t seen = 0;
    for (int i = 0; i < 64 * SUB; i++) {
        seen += hist[i];
        if (seen >= rank) {
            uint64_t v = hist_upper(i);
            return (double) (v < hist_max ? v : hist_max) / 1000.0;
        }
    }
    return (double) hist_max / 1000.0;
}

/* ---- payloads ---------------------------------------------------------------------------- */

/*
 * Message q of connection c is: its head (q as 16 hex digits, c as 8, for text; q as 8 big-endian
 * bytes, c as 4, for binary; cut to the size if longer), then template bytes from an offset derived
 * from c and q, then for UTF-8 text up to 3 ASCII bytes so that it ends on a character boundary.
 * The template is random: ASCII letters and digits, random bytes, or random 1- to 4-byte characters
 * (no surrogates) with their starts marked in template_start.
 */
static uint8_t *template_bytes, *template_start;
static size_t template_len;
static int head_len;

static size_t put_utf8(uint8_t *p, uint32_t cp) {
    if (cp < 0x80) { p[0] = (uint8_t) cp; return 1; }
    if (cp < 0x800) { p[0] = (uint8_t) (0xC0 | cp >> 6); p[1] = (uint8_t) (0x80 | (cp & 63)); return 2; }
    if (cp < 0x10000) {
        p[0] = (uint8_t) (0xE0 | cp >> 12); p[1] = (uint8_t) (0x80 | (cp >> 6 & 63)); p[2] = (uint8_t) (0x80 | (cp & 63));
        return 3;
    }
    p[0] = (uint8_t) (0xF0 | cp >> 18); p[1] = (uint8_t) (0x80 | (cp >> 12 & 63));
    p[2] = (uint8_t) (0x80 | (cp >> 6 & 63)); p[3] = (uint8_t) (0x80 | (cp & 63));
    return 4;
}

static void make_template(void) {
    template_len = (size_t) opt.size + TEMPLATE_SPAN + 8;
    template_bytes = malloc(template_len);
    template_start = malloc(template_len);
    if (!template_bytes || !template_start) { fputs("wsload: out of memory\n", stderr); exit(1); }
    static const char alnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    size_t i = 0;
    while (i < template_len) {
        uint64_t r = rng_next();
        if (opt.mode == MODE_BINARY) {
            template_bytes[i] = (uint8_t) r; template_start[i++] = 1;
        } else if (opt.mode == MODE_TEXT) {
            template_bytes[i] = (uint8_t) alnum[r % 62]; template_start[i++] = 1;
        } else {
            uint8_t ch[4];
            uint32_t cp;
            switch (r & 3) {
                case 0: cp = 0x21 + (uint32_t) (r >> 8) % 0x5E; break;
                case 1: cp = 0x80 + (uint32_t) (r >> 8) % (0x800 - 0x80); break;
                case 2: cp = 0x800 + (uint32_t) (r >> 8) % (0xD800 - 0x800); break; /* below the surrogates */
                default: cp = 0x10000 + (uint32_t) (r >> 8) % (0x110000 - 0x10000); break;
            }
            size_t n = put_utf8(ch, cp);
            if (i + n > template_len) { template_bytes[i] = 'z'; template_start[i++] = 1; continue; }
            for (size_t k = 0; k < n; k++) { template_bytes[i + k] = ch[k]; template_start[i + k] = k == 0; }
            i += n;
        }
    }
    head_len = opt.mode == MODE_BINARY ? 12 : 24;
    if (head_len > opt.size) head_len = opt.size;
}

/* What message q of connection c looks like: head, [offset, offset + body) of the template, pad. */
struct shape {
    uint8_t head[24];
    size_t offset, body, pad;
};

static void message_shape(int conn, uint64_t seq, struct shape *s) {
    uint8_t full[24];
    if (opt.mode == MODE_BINARY) {
        for (int i = 0; i < 8; i++) full[i] = (uint8_t) (seq >> (56 - 8 * i));
        for (int i = 0; i < 4; i++) full[8 + i] = (uint8_t) ((uint32_t) conn >> (24 - 8 * i));
    } else {
        static const char hex[] = "0123456789abcdef";
        for (int i = 0; i < 16; i++) full[i] = (uint8_t) hex[seq >> (60 - 4 * i) & 15];
        for (int i = 0; i < 8; i++) full[16 + i] = (uint8_t) hex[(uint32_t) conn >> (28 - 4 * i) & 15];
    }
    memcpy(s->head, full, (size_t) head_len);
    uint64_t h = (seq + 1) * 0x9E3779B97F4A7C15ULL ^ (uint64_t) conn * 0xC2B2AE3D27D4EB4FULL;
    size_t offset = (size_t) ((h ^ h >> 29) % TEMPLATE_SPAN);
    size_t body = (size_t) opt.size - (size_t) head_len;
    if (opt.mode == MODE_UTF8) {
        while (!template_start[offset]) offset++;
        size_t end = offset + body;
        while (!template_start[end]) end--; /* the template runs on past offset + body */
        s->pad = offset + body - end;
        body = end - offset;
    } else {
        s->pad = 0;
    }
    s->offset = offset;
    s->body = body;
}

/* The expected byte at position p of a message (for the mismatch report). */
static uint8_t expected_at(const struct shape *s, size_t p) {
    if (p < (size_t) head_len) return s->head[p];
    p -= (size_t) head_len;
    return p < s->body ? template_bytes[s->offset + p] : (uint8_t) 'x';
}

/*
 * Compares received bytes with [at, at + n) of the message; returns the index of the first
 * difference within data, or -1.
 */
static long compare_part(const struct shape *s, size_t at, const uint8_t *data, size_t n) {
    size_t i = 0;
    while (i < n) {
        size_t p = at + i, run;
        const uint8_t *want;
        static const uint8_t pad[3] = {'x', 'x', 'x'};
        if (p < (size_t) head_len) {
            want = s->head + p; run = (size_t) head_len - p;
        } else if (p - (size_t) head_len < s->body) {
            size_t q = p - (size_t) head_len;
            want = template_bytes + s->offset + q; run = s->body - q;
        } else {
            want = pad; run = (size_t) opt.size - p;
        }
        if (run > n - i) run = n - i;
        if (memcmp(want, data + i, run)) {
            for (size_t k = 0; k < run; k++) if (want[k] != data[i + k]) return (long) (i + k);
        }
        i += run;
    }
    return -1;
}

/* Writes message q of connection c as one masked frame at dst; returns its length. */
static size_t write_frame(uint8_t *dst, int conn, uint64_t seq) {
    struct shape s;
    message_shape(conn, seq, &s);
    size_t n = 0, len = (size_t) opt.size;
    if (opt.raw) { /* the payload as it is: no header, no mask */
        memcpy(dst, s.head, (size_t) head_len);
        memcpy(dst + head_len, template_bytes + s.offset, s.body);
        memset(dst + head_len + s.body, 'x', s.pad);
        return len;
    }
    dst[n++] = (uint8_t) (0x80 | (opt.mode == MODE_BINARY ? 2 : 1));
    if (len < 126) {
        dst[n++] = (uint8_t) (0x80 | len);
    } else if (len < 65536) {
        dst[n++] = 0x80 | 126; dst[n++] = (uint8_t) (len >> 8); dst[n++] = (uint8_t) len;
    } else {
        dst[n++] = 0x80 | 127;
        for (int i = 7; i >= 0; i--) dst[n++] = (uint8_t) ((uint64_t) len >> (8 * i));
    }
    uint32_t key = (uint32_t) (rng_next() >> 32); /* RFC 6455 §5.3: a fresh key for every frame */
    uint8_t k[4] = {(uint8_t) (key >> 24), (uint8_t) (key >> 16), (uint8_t) (key >> 8), (uint8_t) key};
    memcpy(dst + n, k, 4);
    n += 4;
    uint8_t *p = dst + n;
    memcpy(p, s.head, (size_t) head_len);
    memcpy(p + head_len, template_bytes + s.offset, s.body);
    memset(p + head_len + s.body, 'x', s.pad);
    uint64_t k8;
    uint8_t kb[8] = {k[0], k[1], k[2], k[3], k[0], k[1], k[2], k[3]};
    memcpy(&k8, kb, 8);
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t v;
        memcpy(&v, p + i, 8);
        v ^= k8;
        memcpy(p + i, &v, 8);
    }
    for (; i < len; i++) p[i] ^= k[i & 3];
    return n + len;
}

/* ---- connections ------------------------------------------------------------------------- */

enum state { IDLE, CONNECTING, HANDSHAKE, OPEN, CLOSING, DONE };
enum phase { PH_CONNECTING, PH_WARMUP, PH_MEASURING, PH_DRAINING, PH_CLOSING };

struct conn {
    int fd, id;
    enum state state;
    char key[32];
    /* output: [out_head, out_tail) unsent */
    uint8_t *out;
    size_t out_cap, out_head, out_tail;
    /* input: leftover frame header bytes, the frame being read */
    uint8_t in[READ_BUFFER];
    size_t in_len;
    bool in_frame, in_message;
    int frame_opcode, message_opcode;
    bool frame_fin;
    uint64_t frame_left;
    uint8_t control[125];
    size_t control_len;
    size_t message_offset;
    struct shape expect;
    /* sequence numbers and send times */
    uint64_t send_seq, recv_seq;
    int in_flight;
    int64_t *send_time;
    bool close_sent;
};

static struct conn *conns;
static int epfd;
static enum phase phase = PH_CONNECTING;
static int next_to_connect, pending, opened, live;
static long long errors, mismatches, in_flight_total;
static uint64_t warmup_msgs, measured_msgs;
static int64_t t_start, t_open_done, t_measure_start, t_measure_end, phase_end;
static long long cpu_ticks_start = -1, cpu_ticks_end = -1;
static struct rusage self_start, self_end;
static int detailed;

static void error_at(struct conn *c, const char *fmt, ...) {
    errors++;
    if (detailed++ < DETAILED_ERRORS) {
        va_list ap;
        va_start(ap, fmt);
        fprintf(stderr, "wsload: connection %d: ", c->id);
        vfprintf(stderr, fmt, ap);
        fputs("\n", stderr);
        va_end(ap);
    }
}

static void close_conn(struct conn *c) {
    if (c->fd >= 0) {
        epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
        close(c->fd);
        c->fd = -1;
    }
    if (c->state == CONNECTING || c->state == HANDSHAKE) pending--;
    if (c->state == OPEN || c->state == CLOSING) live--;
    in_flight_total -= c->in_flight;
    c->in_flight = 0;
    c->state = DONE;
}

static void fail(struct conn *c, const char *fmt, const char *detail) {
    error_at(c, fmt, detail);
    close_conn(c);
}

static void want_write(struct conn *c, bool on) {
    struct epoll_event ev = {.events = EPOLLIN | (on ? EPOLLOUT : 0), .data.ptr = c};
    epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
}

/* Sends what is queued; false if the connection failed. */
static bool flush(struct conn *c) {
    while (c->out_head < c->out_tail) {
        ssize_t n = send(c->fd, c->out + c->out_head, c->out_tail - c->out_head, MSG_NOSIGNAL);
        if (n > 0) { c->out_head += (size_t) n; continue; }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) { want_write(c, true); return true; }
        fail(c, "send failed: %s", strerror(errno));
        return false;
    }
    c->out_head = c->out_tail = 0;
    return true;
}

static void make_room(struct conn *c, size_t need) {
    if (c->out_tail + need <= c->out_cap) return;
    memmove(c->out, c->out + c->out_head, c->out_tail - c->out_head);
    c->out_tail -= c->out_head;
    c->out_head = 0;
    if (c->out_tail + need > c->out_cap) { /* cannot happen: at most W frames are ever queued */
        fputs("wsload: output buffer overrun\n", stderr);
        abort();
    }
}

static void top_up(struct conn *c, int64_t now) {
    if (c->state != OPEN || (phase != PH_WARMUP && phase != PH_MEASURING)) return;
    while (c->in_flight < opt.window) {
        make_room(c, (size_t) opt.size + 14);
        c->out_tail += write_frame(c->out + c->out_tail, c->id, c->send_seq);
        c->send_time[c->send_seq % (uint64_t) opt.window] = now;
        c->send_seq++;
        c->in_flight++;
        in_flight_total++;
    }
}

static void queue_control(struct conn *c, int opcode, const uint8_t *payload, size_t len) {
    make_room(c, len + 6);
    uint8_t *d = c->out + c->out_tail;
    uint32_t key = (uint32_t) (rng_next() >> 32);
    d[0] = (uint8_t) (0x80 | opcode);
    d[1] = (uint8_t) (0x80 | len);
    for (int i = 0; i < 4; i++) d[2 + i] = (uint8_t) (key >> (24 - 8 * i));
    for (size_t i = 0; i < len; i++) d[6 + i] = payload[i] ^ d[2 + (i & 3)];
    c->out_tail += len + 6;
}

static void send_close(struct conn *c) {
    if (c->state != OPEN || c->close_sent) return;
    if (opt.raw) { /* the end of the stream; the server closes once it has read it */
        c->close_sent = true;
        c->state = CLOSING;
        shutdown(c->fd, SHUT_WR);
        return;
    }
    static const uint8_t normal[2] = {0x03, 0xE8}; /* 1000 */
    queue_control(c, 8, normal, 2);
    c->close_sent = true;
    c->state = CLOSING;
    flush(c);
}

static void start_connect(struct conn *c, const struct sockaddr_in *addr) {
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c->fd < 0) { error_at(c, "socket: %s", strerror(errno)); c->state = DONE; return; }
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    c->state = CONNECTING;
    pending++;
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.ptr = c};
    epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev);
    if (connect(c->fd, (const struct sockaddr *) addr, sizeof *addr) < 0 && errno != EINPROGRESS) {
        fail(c, "connect: %s", strerror(errno));
    }
}

static void send_upgrade(struct conn *c) {
    uint8_t raw[16];
    for (int i = 0; i < 16; i += 8) { uint64_t r = rng_next(); memcpy(raw + i, &r, 8); }
    base64(raw, 16, c->key);
    int n = snprintf((char *) c->out, c->out_cap,
                     "GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n",
                     opt.path, opt.host, opt.port, c->key);
    c->out_head = 0;
    c->out_tail = (size_t) n;
    c->state = HANDSHAKE;
    if (flush(c) && c->out_head == c->out_tail) want_write(c, false);
}

/* The value of header `name` in the response head (CRLF lines), copied into val; false if absent. */
static bool header(const char *head, const char *name, char *val, size_t cap) {
    size_t nl = strlen(name);
    for (const char *line = strstr(head, "\r\n"); line && line[2]; line = strstr(line + 2, "\r\n")) {
        const char *l = line + 2;
        if (!strncasecmp(l, name, nl) && l[nl] == ':') {
            const char *v = l + nl + 1, *end = strstr(v, "\r\n");
            while (*v == ' ' || *v == '\t') v++;
            size_t len = (size_t) (end - v);
            while (len && (v[len - 1] == ' ' || v[len - 1] == '\t')) len--;
            if (len >= cap) len = cap - 1;
            memcpy(val, v, len);
            val[len] = 0;
            return true;
        }
    }
    return false;
}

static void on_open(struct conn *c, int64_t now);

/*
 * Reads into c->in after what it holds, up to cap bytes in all: the bytes read, 0 at the end of the
 * stream, -1 when there is nothing to read now or the read failed (then the connection has failed).
 */
static ssize_t receive(struct conn *c, size_t cap) {
    for (;;) {
        ssize_t n = recv(c->fd, c->in + c->in_len, cap - c->in_len, 0);
        if (n >= 0) {
            c->in_len += (size_t) n;
            return n;
        }
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) fail(c, "read failed: %s", strerror(errno));
        return -1;
    }
}

/* Reads the upgrade response; any bytes after it are the first frames. */
static void read_handshake(struct conn *c, int64_t now) {
    for (;;) {
        ssize_t n = receive(c, HANDSHAKE_MAX - 1);
        if (n < 0) return;
        if (n == 0) { fail(c, "%s", "closed by the server during the opening handshake"); return; }
        c->in[c->in_len] = 0;
        char *end = strstr((char *) c->in, "\r\n\r\n");
        if (!end) {
            if (c->in_len >= HANDSHAKE_MAX - 1) { fail(c, "%s", "handshake response longer than 8 KiB"); return; }
            continue;
        }
        size_t head_bytes = (size_t) (end - (char *) c->in) + 4;
        char head[HANDSHAKE_MAX];
        memcpy(head, c->in, head_bytes - 2);
        head[head_bytes - 2] = 0;
        if (strncmp(head, "HTTP/1.1 101", 12)) {
            char *eol = strstr(head, "\r\n");
            *eol = 0;
            fail(c, "upgrade refused: %s", head);
            return;
        }
        char value[256], accept[64];
        if (!header(head, "Upgrade", value, sizeof value) || strcasecmp(value, "websocket")) {
            fail(c, "%s", "101 without 'Upgrade: websocket'"); return;
        }
        if (!header(head, "Connection", value, sizeof value) || !strcasestr(value, "upgrade")) {
            fail(c, "%s", "101 without 'Connection: Upgrade'"); return;
        }
        /* RFC 6455 §4.2.2: base64(SHA-1(key + the GUID)) */
        char joined[128];
        uint8_t digest[20];
        int jl = snprintf(joined, sizeof joined, "%s258EAFA5-E914-47DA-95CA-C5AB0DC85B11", c->key);
        sha1((const uint8_t *) joined, (size_t) jl, digest);
        base64(digest, 20, accept);
        if (!header(head, "Sec-WebSocket-Accept", value, sizeof value) || strcmp(value, accept)) {
            fail(c, "%s", "wrong or missing Sec-WebSocket-Accept"); return;
        }
        if (header(head, "Sec-WebSocket-Extensions", value, sizeof value) && value[0]) {
            fail(c, "the server agreed to extensions none were offered: %s", value); return;
        }
        memmove(c->in, c->in + head_bytes, c->in_len - head_bytes);
        c->in_len -= head_bytes;
        on_open(c, now);
        return;
    }
}

static void message_done(struct conn *c, int64_t now) {
    if (c->message_offset != (size_t) opt.size) {
        char d[96];
        snprintf(d, sizeof d, "echo of message %" PRIu64 " has %zu bytes, sent %d", c->recv_seq, c->message_offset, opt.size);
        mismatches++;
        fail(c, "%s", d);
        return;
    }
    if (phase == PH_MEASURING) {
        int64_t rtt = now - c->send_time[c->recv_seq % (uint64_t) opt.window];
        hist_record((uint64_t) (rtt > 0 ? rtt : 1));
        measured_msgs++;
    } else if (phase == PH_WARMUP) {
        warmup_msgs++;
    }
    c->recv_seq++;
    c->in_flight--;
    in_flight_total--;
    c->in_message = false;
    top_up(c, now);
}

/* A data frame's payload bytes, as they come; false if the connection failed. */
static bool payload_part(struct conn *c, const uint8_t *data, size_t n) {
    if (c->message_offset + n > (size_t) opt.size) {
        char d[96];
        snprintf(d, sizeof d, "echo of message %" PRIu64 " is longer than the %d bytes sent", c->recv_seq, opt.size);
        mismatches++;
        fail(c, "%s", d);
        return false;
    }
    long at = compare_part(&c->expect, c->message_offset, data, n);
    if (at >= 0) {
        size_t p = c->message_offset + (size_t) at;
        char d[160];
        snprintf(d, sizeof d, "MISMATCH: echo of message %" PRIu64 " differs at byte %zu of %d: expected 0x%02x, got 0x%02x",
                 c->recv_seq, p, opt.size, expected_at(&c->expect, p), data[at]);
        mismatches++;
        fail(c, "%s", d);
        return false;
    }
    c->message_offset += n;
    return true;
}

/* A whole control frame; false if the connection is done. */
static bool control_frame(struct conn *c) {
    switch (c->frame_opcode) {
        case 9: /* RFC 6455 §5.5.3: a pong with the ping's payload */
            queue_control(c, 10, c->control, c->control_len);
            return true;
        case 10:
            return true;
        default: /* close */
            if (c->state == CLOSING) {
                close_conn(c);
            } else {
                char d[64];
                unsigned code = c->control_len >= 2 ? (unsigned) c->control[0] << 8 | c->control[1] : 1005;
                snprintf(d, sizeof d, "the server closed the connection (%u) during the run", code);
                fail(c, "%s", d);
            }
            return false;
    }
}

/* --raw: what is in c->in is echoed payload, message after message. */
static void parse_raw(struct conn *c, int64_t now) {
    size_t i = 0;
    while (c->fd >= 0 && i < c->in_len) {
        if (!c->in_message) {
            if (c->state == CLOSING) { fail(c, "%s", "bytes after the drain"); return; }
            if (c->in_flight == 0) { fail(c, "%s", "bytes arrived with no message in flight"); return; }
            c->in_message = true;
            c->message_offset = 0;
            message_shape(c->id, c->recv_seq, &c->expect);
        }
        size_t take = c->in_len - i;
        if (take > (size_t) opt.size - c->message_offset) take = (size_t) opt.size - c->message_offset;
        if (!payload_part(c, c->in + i, take)) return;
        i += take;
        if (c->message_offset == (size_t) opt.size) message_done(c, now);
    }
    c->in_len = 0;
}

/* Parses what is in c->in; keeps an incomplete frame header for the next read. */
static void parse(struct conn *c, int64_t now) {
    if (opt.raw) { parse_raw(c, now); return; }
    size_t i = 0;
    while (c->fd >= 0) {
        if (!c->in_frame) {
            size_t avail = c->in_len - i;
            if (avail < 2) break;
            uint8_t b0 = c->in[i], b1 = c->in[i + 1];
            size_t need = 2 + ((b1 & 127) == 126 ? 2 : (b1 & 127) == 127 ? 8 : 0);
            if (avail < need) break;
            if (b0 & 0x70) { fail(c, "%s", "a frame with RSV bits set (no extension was agreed)"); return; }
            if (b1 & 0x80) { fail(c, "%s", "a masked frame from the server (RFC 6455 §5.1 forbids it)"); return; }
            uint64_t len = b1 & 127;
            if (len == 126) len = (uint64_t) c->in[i + 2] << 8 | c->in[i + 3];
            else if (len == 127) {
                len = 0;
                for (int k = 0; k < 8; k++) len = len << 8 | c->in[i + 2 + k];
                if (len >> 63) { fail(c, "%s", "a 64-bit frame length with its top bit set"); return; }
            }
            i += need;
            int opcode = b0 & 15;
            bool fin = b0 & 0x80;
            c->frame_opcode = opcode;
            c->frame_fin = fin;
            c->frame_left = len;
            c->in_frame = true;
            if (opcode >= 8) {
                if (opcode > 10) { fail(c, "%s", "a reserved control opcode"); return; }
                if (!fin || len > 125) { fail(c, "%s", "a fragmented or long control frame (RFC 6455 §5.5)"); return; }
                c->control_len = 0;
            } else if (opcode == 0) {
                if (!c->in_message) { fail(c, "%s", "a continuation frame outside a message"); return; }
            } else if (opcode == 1 || opcode == 2) {
                if (c->in_message) { fail(c, "%s", "a new message before the last one ended"); return; }
                if (c->state == CLOSING) { fail(c, "%s", "a message after the drain"); return; }
                if (opcode != (opt.mode == MODE_BINARY ? 2 : 1)) { fail(c, "%s", "an echo with the other opcode"); return; }
                if (c->in_flight == 0) { fail(c, "%s", "a message arrived with none in flight"); return; }
                c->in_message = true;
                c->message_opcode = opcode;
                c->message_offset = 0;
                message_shape(c->id, c->recv_seq, &c->expect);
            } else {
                fail(c, "%s", "a reserved data opcode");
                return;
            }
        }
        size_t take = c->in_len - i;
        if (take > c->frame_left) take = (size_t) c->frame_left;
        if (c->frame_opcode >= 8) {
            memcpy(c->control + c->control_len, c->in + i, take);
            c->control_len += take;
        } else if (take && !payload_part(c, c->in + i, take)) {
            return;
        }
        i += take;
        c->frame_left -= take;
        if (c->frame_left) break; /* the rest comes with a later read */
        c->in_frame = false;
        if (c->frame_opcode >= 8) {
            if (!control_frame(c)) return;
        } else if (c->frame_fin) {
            message_done(c, now);
        }
    }
    if (c->fd >= 0) {
        memmove(c->in, c->in + i, c->in_len - i);
        c->in_len -= i;
    }
}

static void read_frames(struct conn *c, int64_t now) {
    for (;;) {
        ssize_t n = receive(c, READ_BUFFER);
        if (n < 0) return;
        if (n == 0) {
            if (c->state == CLOSING) close_conn(c);
            else fail(c, "%s", "the server closed the TCP connection without a close frame");
            return;
        }
        parse(c, now);
        if (c->fd < 0) return;
        if ((size_t) n < READ_BUFFER / 2) return; /* a short read: the socket is drained, skip the EAGAIN */
    }
}

static void on_open(struct conn *c, int64_t now) {
    c->state = OPEN;
    pending--;
    opened++;
    live++;
    want_write(c, false);
    if (phase == PH_WARMUP || phase == PH_MEASURING) top_up(c, now);
    if (c->in_len) parse(c, now);
}

static void on_event(struct conn *c, uint32_t events, int64_t now) {
    if (c->fd < 0) return;
    if (c->state == CONNECTING) {
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err) { fail(c, "connect: %s", strerror(err)); return; }
        if (!(events & EPOLLOUT)) return;
        if (opt.raw) on_open(c, now);
        else send_upgrade(c);
        return;
    }
    if (events & EPOLLOUT) {
        if (!flush(c)) return;
        if (c->out_head == c->out_tail) want_write(c, false);
    }
    if (events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
        if (c->state == HANDSHAKE) read_handshake(c, now);
        else if (c->state == OPEN || c->state == CLOSING) read_frames(c, now);
    }
    if (c->fd >= 0 && c->out_head < c->out_tail) flush(c);
}

/* ---- the server's CPU time --------------------------------------------------------------- */

/* utime + stime of the process in clock ticks (/proc/PID/stat fields 14 and 15), or -1. */
static long long process_ticks(int pid) {
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')'); /* the command name may hold spaces and parentheses */
    if (!p) return -1;
    unsigned long long utime, stime;
    /* after ") ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime */
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2) return -1;
    return (long long) (utime + stime);
}

static double cpu_seconds(const struct rusage *a, const struct rusage *b) {
    return (double) (b->ru_utime.tv_sec - a->ru_utime.tv_sec + b->ru_stime.tv_sec - a->ru_stime.tv_sec)
           + (double) (b->ru_utime.tv_usec - a->ru_utime.tv_usec + b->ru_stime.tv_usec - a->ru_stime.tv_usec) / 1e6;
}

/* ---- the run ----------------------------------------------------------------------------- */

static void begin_phase(enum phase p, int64_t now) {
    phase = p;
    switch (p) {
        case PH_WARMUP:
            phase_end = now + (int64_t) (opt.warmup * 1e9);
            for (int i = 0; i < opt.connections; i++) {
                struct conn *c = &conns[i];
                if (c->state == OPEN) { top_up(c, now); flush(c); }
            }
            break;
        case PH_MEASURING:
            memset(hist, 0, sizeof hist);
            hist_count = hist_max = 0;
            measured_msgs = 0;
            t_measure_start = now;
            phase_end = now + (int64_t) (opt.duration * 1e9);
            if (opt.server_pid) cpu_ticks_start = process_ticks(opt.server_pid);
            getrusage(RUSAGE_SELF, &self_start);
            break;
        case PH_DRAINING:
            t_measure_end = t_measure_start ? now : 0; /* 0: the measurement never began */
            if (opt.server_pid) cpu_ticks_end = process_ticks(opt.server_pid);
            getrusage(RUSAGE_SELF, &self_end);
            phase_end = now + (int64_t) (DRAIN_SECONDS * 1e9);
            break;
        case PH_CLOSING:
            phase_end = now + (int64_t) (CLOSE_SECONDS * 1e9);
            for (int i = 0; i < opt.connections; i++) send_close(&conns[i]);
            break;
        default:
            break;
    }
}

static const char *mode_name(void) {
    return opt.mode == MODE_BINARY ? "binary" : opt.mode == MODE_UTF8 ? "utf8" : "text";
}

int main(int argc, char **argv) {
    parse_options(argc, argv);
    rng_seed();
    make_template();

    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t) opt.port)};
    if (inet_pton(AF_INET, opt.host, &addr.sin_addr) != 1) {
        struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *res;
        if (getaddrinfo(opt.host, NULL, &hints, &res)) bad_option("cannot resolve --host %s", opt.host);
        addr.sin_addr = ((struct sockaddr_in *) res->ai_addr)->sin_addr;
        freeaddrinfo(res);
    }
    struct rlimit fds;
    if (!getrlimit(RLIMIT_NOFILE, &fds) && fds.rlim_cur < (rlim_t) opt.connections + 16) {
        fds.rlim_cur = fds.rlim_max < (rlim_t) opt.connections + 16 ? fds.rlim_max : (rlim_t) opt.connections + 16;
        setrlimit(RLIMIT_NOFILE, &fds);
    }

    epfd = epoll_create1(EPOLL_CLOEXEC);
    conns = calloc((size_t) opt.connections, sizeof *conns);
    if (epfd < 0 || !conns) { perror("wsload"); return 1; }
    size_t out_cap = (size_t) opt.window * ((size_t) opt.size + 14) + 512; /* frames in flight, a pong, a close */
    if (out_cap < HANDSHAKE_MAX) out_cap = HANDSHAKE_MAX;
    for (int i = 0; i < opt.connections; i++) {
        conns[i].fd = -1;
        conns[i].id = i;
        conns[i].out_cap = out_cap;
        conns[i].out = malloc(out_cap);
        conns[i].send_time = calloc((size_t) opt.window, sizeof(int64_t));
        if (!conns[i].out || !conns[i].send_time) { fputs("wsload: out of memory\n", stderr); return 1; }
    }

    t_start = now_ns();
    int64_t connect_deadline = t_start + (int64_t) (opt.connect_timeout * 1e9);
    struct epoll_event events[256];
    for (;;) {
        int64_t now = now_ns();
        if (phase == PH_CONNECTING) {
            while (next_to_connect < opt.connections && pending < MAX_PENDING_HANDSHAKES) {
                start_connect(&conns[next_to_connect++], &addr);
            }
            bool all_tried = next_to_connect == opt.connections && pending == 0;
            if (all_tried || now >= connect_deadline) {
                for (int i = 0; i < opt.connections; i++) {
                    struct conn *c = &conns[i];
                    if (c->state == IDLE || c->state == CONNECTING || c->state == HANDSHAKE) {
                        error_at(c, "%s", "not open within --connect-timeout");
                        close_conn(c);
                    }
                }
                t_open_done = now;
                if (live == 0) break;
                begin_phase(PH_WARMUP, now);
            }
        } else if (phase == PH_WARMUP && now >= phase_end) {
            begin_phase(PH_MEASURING, now);
        } else if (phase == PH_MEASURING && now >= phase_end) {
            begin_phase(PH_DRAINING, now);
        } else if (phase == PH_DRAINING && (in_flight_total == 0 || now >= phase_end)) {
            if (in_flight_total > 0) {
                errors += in_flight_total;
                fprintf(stderr, "wsload: %lld messages still not echoed %.0f s after the measurement ended\n",
                        in_flight_total, DRAIN_SECONDS);
            }
            begin_phase(PH_CLOSING, now);
        } else if (phase == PH_CLOSING && (live == 0 || now >= phase_end)) {
            break;
        }
        if (phase != PH_CONNECTING && phase != PH_CLOSING && live == 0) {
            if (phase == PH_WARMUP || phase == PH_MEASURING) begin_phase(PH_DRAINING, now);
            break; /* every connection failed */
        }
        int64_t wait_until = phase == PH_CONNECTING ? now + 100000000 : phase_end;
        int timeout = wait_until > now ? (int) ((wait_until - now + 999999) / 1000000) : 0;
        int n = epoll_wait(epfd, events, 256, timeout);
        if (n < 0 && errno != EINTR) { perror("wsload: epoll_wait"); return 1; }
        for (int k = 0; k < n; k++) {
            on_event(events[k].data.ptr, events[k].events, now_ns());
        }
    }
    if (t_measure_end == 0 && t_measure_start != 0) { /* ended early: every connection failed */
        t_measure_end = now_ns();
        if (opt.server_pid) cpu_ticks_end = process_ticks(opt.server_pid);
        getrusage(RUSAGE_SELF, &self_end);
    }
    int closed_cleanly = 0;
    for (int i = 0; i < opt.connections; i++) {
        if (conns[i].fd >= 0) close_conn(&conns[i]);
        else if (conns[i].close_sent) closed_cleanly++;
    }

    double measured = t_measure_end > t_measure_start ? (double) (t_measure_end - t_measure_start) / 1e9 : 0;
    double rate = measured > 0 ? (double) measured_msgs / measured : 0;
    double driver_cpu = measured > 0 ? cpu_seconds(&self_start, &self_end) : 0;
    char cpu[160] = "";
    if (opt.server_pid && cpu_ticks_start >= 0 && cpu_ticks_end >= 0 && measured > 0) {
        double server_cpu = (double) (cpu_ticks_end - cpu_ticks_start) / (double) sysconf(_SC_CLK_TCK);
        snprintf(cpu, sizeof cpu, " server_cpu_s=%.2f server_cpu_pct=%.0f cpu_us_per_msg=%.2f", server_cpu,
                 server_cpu / measured * 100, measured_msgs ? server_cpu * 1e6 / (double) measured_msgs : 0.0);
    }
    printf("RESULT server=%s scenario=echo driver=c%s mode=%s conns=%d size=%d window=%d duration_s=%.1f messages=%" PRIu64
           " msgs_per_s=%.1f mb_per_s=%.2f p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f errors=%lld mismatches=%lld"
           " driver_cpu_pct=%.0f%s\n",
           opt.server, opt.raw ? " transport=raw-tcp" : "", mode_name(), opt.connections, opt.size, opt.window, measured,
           measured_msgs, rate,
           rate * opt.size / 1e6, hist_percentile_us(50), hist_percentile_us(99), hist_percentile_us(99.9),
           (double) hist_max / 1000.0, errors, mismatches, measured > 0 ? driver_cpu / measured * 100 : 0.0, cpu);
    fflush(stdout);
    fprintf(stderr,
            "wsload on %s: %s://%s:%d%s, %d connections, %d-byte %s messages, window %d\n"
            "  connected  %d of %d in %.0f ms\n"
            "  warmup     %.1f s, %" PRIu64 " messages\n"
            "  measured   %.1f s, %" PRIu64 " messages: %.1f msgs/s, %.2f MB/s (payload one way)\n"
            "  round trip p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us\n"
            "  closed     %d cleanly\n"
            "  errors     %lld (mismatches %lld)\n",
            opt.server, opt.raw ? "tcp" : "ws", opt.host, opt.port, opt.raw ? "" : opt.path, opt.connections, opt.size,
            mode_name(), opt.window, opened,
            opt.connections, t_open_done ? (double) (t_open_done - t_start) / 1e6 : 0.0, opt.warmup, warmup_msgs,
            measured, measured_msgs, rate, rate * opt.size / 1e6, hist_percentile_us(50), hist_percentile_us(99),
            hist_percentile_us(99.9), (double) hist_max / 1000.0, closed_cleanly, errors, mismatches);
    return errors || mismatches || opened < opt.connections ? 1 : 0;
}
