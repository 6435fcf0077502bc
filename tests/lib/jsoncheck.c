/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * jsoncheck [FILE]: a strict RFC 8259 validator for newline-delimited
 * JSON (-x oformat=json), so tests need no jq or python. Every line of
 * FILE (or stdin) must be exactly one JSON value -- an object, for
 * udtrace's records -- with no trailing characters. Checked: the
 * grammar, string escapes (\uXXXX surrogate pairs matched), no raw
 * control characters, valid UTF-8 (no overlong forms, no encoded
 * surrogates), number syntax, nesting depth at most 512. (Duplicate
 * member names are legal JSON and not checked.)
 *
 * Exit 0 when every line is valid; 1 with "LINE: COLUMN: what" on
 * stderr for the first bad line; 2 on usage or read errors.
 * -o: also require every line to be an object with a "type" member
 * whose value is a string (the record shape of udtrace's JSON).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct p {
	const unsigned char *s;
	size_t n, i;
	const char *err;
	int depth;
};

static int value(struct p *p);

static void
ws(struct p *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
			       p->s[p->i] == '\r' || p->s[p->i] == '\n'))
		p->i++;
}

static int
bad(struct p *p, const char *what)
{
	if (!p->err)
		p->err = what;
	return -1;
}

static int
hex4(struct p *p, unsigned *out)
{
	unsigned v = 0;
	int k;

	for (k = 0; k < 4; k++) {
		unsigned char c;

		if (p->i >= p->n)
			return bad(p, "short \\u escape");
		c = p->s[p->i++];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return bad(p, "bad hex digit in \\u escape");
	}
	*out = v;
	return 0;
}

/* One UTF-8 sequence starting at p->i (first byte >= 0x80). */
static int
utf8(struct p *p)
{
	unsigned char c = p->s[p->i];
	unsigned cp;
	size_t len, k;

	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return bad(p, "invalid UTF-8 lead byte");
	if (p->i + len > p->n)
		return bad(p, "truncated UTF-8 sequence");
	for (k = 1; k < len; k++) {
		unsigned char t = p->s[p->i + k];

		if ((t & 0xc0) != 0x80)
			return bad(p, "invalid UTF-8 continuation byte");
		cp = cp << 6 | (t & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000))
		return bad(p, "overlong UTF-8 sequence");
	if (cp >= 0xd800 && cp <= 0xdfff)
		return bad(p, "UTF-8 encoded surrogate");
	if (cp > 0x10ffff)
		return bad(p, "UTF-8 beyond U+10FFFF");
	p->i += len;
	return 0;
}

/* A string at p->i (the opening quote); its text to out if not NULL
   (ASCII only, for member names). */
static int
string(struct p *p, char *out, size_t outlen)
{
	size_t o = 0;

	p->i++;
	for (;;) {
		unsigned char c;

		if (p->i >= p->n)
			return bad(p, "unterminated string");
		c = p->s[p->i];
		if (c == '"') {
			p->i++;
			break;
		}
		if (c < 0x20)
			return bad(p, "raw control character in string");
		if (c >= 0x80) {
			if (utf8(p))
				return -1;
			continue;
		}
		p->i++;
		if (c == '\\') {
			unsigned u, lo;

			if (p->i >= p->n)
				return bad(p, "unterminated escape");
			c = p->s[p->i++];
			switch (c) {
			case '"':
			case '\\':
			case '/':
			case 'b':
			case 'f':
			case 'n':
			case 'r':
			case 't':
				break;
			case 'u':
				if (hex4(p, &u))
					return -1;
				if (u >= 0xdc00 && u <= 0xdfff)
					return bad(p, "lone low surrogate");
				if (u >= 0xd800 && u <= 0xdbff) {
					if (p->i + 2 > p->n ||
					    p->s[p->i] != '\\' ||
					    p->s[p->i + 1] != 'u')
						return bad(
							p,
							"lone high surrogate");
					p->i += 2;
					if (hex4(p, &lo))
						return -1;
					if (lo < 0xdc00 || lo > 0xdfff)
						return bad(
							p,
							"bad surrogate pair");
				}
				c = u < 0x80 ? (unsigned char)u : '?';
				break;
			default:
				return bad(p, "invalid escape");
			}
		}
		if (out && o + 1 < outlen)
			out[o++] = (char)c;
	}
	if (out)
		out[o] = '\0';
	return 0;
}

static int
digits(struct p *p)
{
	size_t start = p->i;

	while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
		p->i++;
	return p->i > start ? 0 : bad(p, "digit expected");
}

static int
number(struct p *p)
{
	if (p->s[p->i] == '-')
		p->i++;
	if (p->i < p->n && p->s[p->i] == '0')
		p->i++;
	else if (digits(p))
		return -1;
	if (p->i < p->n && p->s[p->i] == '.') {
		p->i++;
		if (digits(p))
			return -1;
	}
	if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		if (digits(p))
			return -1;
	}
	return 0;
}

static int
word(struct p *p, const char *w)
{
	size_t l = strlen(w);

	if (p->i + l > p->n || memcmp(p->s + p->i, w, l) != 0)
		return bad(p, "unexpected character");
	p->i += l;
	return 0;
}

static int
container(struct p *p, int obj)
{
	unsigned char close = obj ? '}' : ']';

	if (++p->depth > 512)
		return bad(p, "nesting too deep");
	p->i++;
	ws(p);
	if (p->i < p->n && p->s[p->i] == close) {
		p->i++;
		p->depth--;
		return 0;
	}
	for (;;) {
		if (obj) {
			ws(p);
			if (p->i >= p->n || p->s[p->i] != '"')
				return bad(p, "member name expected");
			if (string(p, NULL, 0))
				return -1;
			ws(p);
			if (p->i >= p->n || p->s[p->i] != ':')
				return bad(p, "':' expected");
			p->i++;
		}
		if (value(p))
			return -1;
		ws(p);
		if (p->i >= p->n)
			return bad(p, obj ? "unterminated object" :
					    "unterminated array");
		if (p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->s[p->i] == close) {
			p->i++;
			p->depth--;
			return 0;
		}
		return bad(p,
			   obj ? "',' or '}' expected" : "',' or ']' expected");
	}
}

static int
value(struct p *p)
{
	ws(p);
	if (p->i >= p->n)
		return bad(p, "value expected");
	switch (p->s[p->i]) {
	case '{':
		return container(p, 1);
	case '[':
		return container(p, 0);
	case '"':
		return string(p, NULL, 0);
	case 't':
		return word(p, "true");
	case 'f':
		return word(p, "false");
	case 'n':
		return word(p, "null");
	default:
		if (p->s[p->i] == '-' ||
		    (p->s[p->i] >= '0' && p->s[p->i] <= '9'))
			return number(p);
		return bad(p, "unexpected character");
	}
}

/* -o: the top-level object has "type": "..." (a quick second pass). */
static int
has_type(const unsigned char *s, size_t n)
{
	struct p p = { s, n, 1, NULL, 1 };
	char name[16];

	ws(&p);
	if (p.i < p.n && p.s[p.i] == '}')
		return 0;
	for (;;) {
		ws(&p);
		if (string(&p, name, sizeof(name)))
			return 0;
		ws(&p);
		p.i++; /* ':' */
		ws(&p);
		if (strcmp(name, "type") == 0)
			return p.i < p.n && p.s[p.i] == '"';
		if (value(&p))
			return 0;
		ws(&p);
		if (p.i >= p.n || p.s[p.i] != ',')
			return 0;
		p.i++;
	}
}

int
main(int argc, char **argv)
{
	FILE *f = stdin;
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t len;
	int objects = 0, argi = 1;

	if (argi < argc && strcmp(argv[argi], "-o") == 0) {
		objects = 1;
		argi++;
	}
	if (argi < argc) {
		f = fopen(argv[argi], "rb");
		if (!f) {
			perror(argv[argi]);
			return 2;
		}
	}
	while ((len = getline(&line, &cap, f)) != -1) {
		struct p p = { (const unsigned char *)line, (size_t)len, 0,
			       NULL, 0 };

		lineno++;
		if (p.n && line[p.n - 1] == '\n')
			p.n--;
		if (memchr(line, '\0', p.n)) {
			fprintf(stderr, "%zu: NUL byte in line\n", lineno);
			return 1;
		}
		if (value(&p) == 0) {
			ws(&p);
			if (p.i != p.n)
				bad(&p, "trailing characters after the value");
		}
		if (!p.err && objects && (p.s[0] != '{' || !has_type(p.s, p.n)))
			p.err = "not an object with a string \"type\" member";
		if (p.err) {
			fprintf(stderr, "%zu: %zu: %s: %.*s\n", lineno, p.i + 1,
				p.err, (int)(p.n > 200 ? 200 : p.n), line);
			free(line);
			return 1;
		}
	}
	if (ferror(f)) {
		perror("read");
		return 2;
	}
	free(line);
	return 0;
}
