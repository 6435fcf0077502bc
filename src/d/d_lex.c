/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The D lexer (see d_lex.h for the modes). It reproduces dtrace's flex
 * scanner (libdtrace/dt_lex.l) token for token, including its quirks,
 * because users compare error messages:
 *
 *  - longest match: "123f" is a (forbidden) floating-point constant, "int*"
 *    at the outer scope is a probe description unless "int" is a type;
 *  - "/" followed (after blanks) by end of input, ";", "{" or "/" closes a
 *    predicate (T_EPRED), otherwise it divides;
 *  - parentheses and brackets are counted over the whole program, and an
 *    unbalanced ")" / "]" / "}" is reported as "extra ) in input stream";
 *  - error lines: a token containing a newline (an unterminated string)
 *    reports the line after it, as flex's yylineno does;
 *  - macro arguments: "$1" becomes the integer, identifier or string its
 *    text spells (dtrace's strbadidnum rule), "$$1" always a string.
 *
 * One addition to dtrace: "//" comments to the end of the line.
 *
 * Control lines (#pragma D option, #line, "# 12 "file"" from cpp, #error,
 * #ident) are handled between tokens, like dtrace's S3 state + dt_pragma.c.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "d/d_lex.h"

struct kwent {
	const char *word;
	enum d_tok tok;
	int outer; /* also a keyword at the outer scope (dtrace's S2) */
};

/* D's reserved words (dt_lex.l, state S0); `outer` marks those of S2.
   Sorted (kw_lookup() searches it by halves). */
static const struct kwent keywords[] = {
	{ "auto", T_KW_AUTO, 1 },
	{ "break", T_KW_BREAK, 0 },
	{ "case", T_KW_CASE, 0 },
	{ "char", T_KW_CHAR, 1 },
	{ "const", T_KW_CONST, 1 },
	{ "continue", T_KW_CONTINUE, 0 },
	{ "counter", T_KW_COUNTER, 1 },
	{ "default", T_KW_DEFAULT, 0 },
	{ "do", T_KW_DO, 0 },
	{ "double", T_KW_DOUBLE, 1 },
	{ "else", T_KW_ELSE, 0 },
	{ "enum", T_KW_ENUM, 1 },
	{ "extern", T_KW_EXTERN, 1 },
	{ "float", T_KW_FLOAT, 1 },
	{ "for", T_KW_FOR, 0 },
	{ "goto", T_KW_GOTO, 0 },
	{ "if", T_KW_IF, 0 },
	{ "import", T_KW_IMPORT, 1 },
	{ "inline", T_KW_INLINE, 1 },
	{ "int", T_KW_INT, 1 },
	{ "long", T_KW_LONG, 1 },
	{ "offsetof", T_KW_OFFSETOF, 0 },
	{ "probe", T_KW_PROBE, 0 },
	{ "provider", T_KW_PROVIDER, 1 },
	{ "register", T_KW_REGISTER, 1 },
	{ "restrict", T_KW_RESTRICT, 1 },
	{ "return", T_KW_RETURN, 0 },
	{ "self", T_KW_SELF, 1 },
	{ "short", T_KW_SHORT, 1 },
	{ "signed", T_KW_SIGNED, 1 },
	{ "sizeof", T_KW_SIZEOF, 0 },
	{ "static", T_KW_STATIC, 1 },
	{ "string", T_KW_STRING, 1 },
	{ "stringof", T_KW_STRINGOF, 0 },
	{ "struct", T_KW_STRUCT, 1 },
	{ "switch", T_KW_SWITCH, 0 },
	{ "this", T_KW_THIS, 1 },
	{ "translator", T_KW_TRANSLATOR, 1 },
	{ "typedef", T_KW_TYPEDEF, 1 },
	{ "union", T_KW_UNION, 1 },
	{ "unsigned", T_KW_UNSIGNED, 1 },
	{ "void", T_KW_VOID, 1 },
	{ "volatile", T_KW_VOLATILE, 1 },
	{ "while", T_KW_WHILE, 0 },
	{ "xlate", T_KW_XLATE, 0 },
};

static const struct kwent *
kw_lookup(const char *s, size_t n)
{
	size_t i, lo = 0, hi = sizeof(keywords) / sizeof(keywords[0]);

	/* binary search (the table is sorted): the lexer asks for every
	   identifier it reads */
	while (lo < hi) {
		int c;

		i = (lo + hi) / 2;
		c = strncmp(s, keywords[i].word, n);
		if (c == 0 && keywords[i].word[n] != '\0')
			c = -1; /* s is a proper prefix of the word */
		if (c == 0)
			return &keywords[i];
		if (c < 0)
			hi = i;
		else
			lo = i + 1;
	}
	return NULL;
}

enum d_tok
d_lex_keyword(const char *s, size_t n)
{
	const struct kwent *k = kw_lookup(s, n);

	return k ? k->tok : T_EOF;
}

static const char *const tok_names[T_COUNT_] = {
	[T_EOF] = "<EOF>",	 [T_INT] = "<int>",	 [T_CHAR] = "<char>",
	[T_STRING] = "<string>", [T_IDENT] = "<ident>",	 [T_AGG] = "<agg>",
	[T_PSPEC] = "<pspec>",	 [T_TNAME] = "<type>",	 [T_LPAR] = "(",
	[T_RPAR] = ")",		 [T_LBRAC] = "[",	 [T_RBRAC] = "]",
	[T_LBRACE] = "{",	 [T_RBRACE] = "}",	 [T_SEMI] = ";",
	[T_COMMA] = ",",	 [T_DOT] = ".",		 [T_ARROW] = "->",
	[T_ELLIPSIS] = "...",	 [T_QUESTION] = "?",	 [T_COLON] = ":",
	[T_ADD] = "+",		 [T_SUB] = "-",		 [T_MUL] = "*",
	[T_DIV] = "/",		 [T_MOD] = "%",		 [T_BAND] = "&",
	[T_BOR] = "|",		 [T_XOR] = "^",		 [T_BNEG] = "~",
	[T_LNEG] = "!",		 [T_LT] = "<",		 [T_GT] = ">",
	[T_LE] = "<=",		 [T_GE] = ">=",		 [T_EQ] = "==",
	[T_NE] = "!=",		 [T_LSH] = "<<",	 [T_RSH] = ">>",
	[T_LAND] = "&&",	 [T_LOR] = "||",	 [T_LXOR] = "^^",
	[T_INC] = "++",		 [T_DEC] = "--",	 [T_ASGN] = "=",
	[T_ADD_EQ] = "+=",	 [T_SUB_EQ] = "-=",	 [T_MUL_EQ] = "*=",
	[T_DIV_EQ] = "/=",	 [T_MOD_EQ] = "%=",	 [T_AND_EQ] = "&=",
	[T_XOR_EQ] = "^=",	 [T_OR_EQ] = "|=",	 [T_LSH_EQ] = "<<=",
	[T_RSH_EQ] = ">>=",	 [T_EPRED] = "/<epred>",
};

const char *
d_tok_name(enum d_tok t)
{
	size_t i;

	if ((int)t < 0 || t >= T_COUNT_)
		return "<?>";
	if (tok_names[t] != NULL)
		return tok_names[t];
	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		if (keywords[i].tok == t)
			return keywords[i].word;
	}
	return "<?>";
}

void
d_lex_init(struct d_lexer *lx, struct d_pcb *pcb)
{
	memset(lx, 0, sizeof(*lx));
	lx->pcb = pcb;
	lx->src = pcb->src ? pcb->src : "";
	lx->p = lx->src;
	lx->end = lx->src + (pcb->src ? pcb->srclen : 0);
	lx->line = 1;
}

/*
 * The counter a bracket token moves (dtrace's pcb_parens, pcb_brackets,
 * pcb_braces), with *step set to +1 for an opening and -1 for a closing
 * one; NULL for any other token. Shared by the scanner and d_lex_rewind().
 */
static int *
group_depth(struct d_lexer *lx, enum d_tok t, int *step)
{
	switch (t) {
	case T_LPAR:
	case T_RPAR:
		*step = t == T_LPAR ? 1 : -1;
		return &lx->parens;
	case T_LBRAC:
	case T_RBRAC:
		*step = t == T_LBRAC ? 1 : -1;
		return &lx->brackets;
	case T_LBRACE:
	case T_RBRACE:
		*step = t == T_LBRACE ? 1 : -1;
		return &lx->braces;
	default:
		*step = 0;
		return NULL;
	}
}

void
d_lex_rewind(struct d_lexer *lx, const struct d_token *tok)
{
	int step;
	int *depth = group_depth(lx, tok->t, &step);

	/* Undo the bracket counting the token did, as it is scanned again. */
	if (depth != NULL)
		*depth -= step;
	lx->p = tok->pos;
	lx->line = tok->line;
}

static int
is_blank(int c)
{
	return c == '\f' || c == '\n' || c == '\r' || c == '\t' || c == '\v' ||
	       c == ' ';
}

int
d_lex_peekc(const struct d_lexer *lx, int *second)
{
	const char *p = lx->p;

	while (p < lx->end && is_blank((unsigned char)*p))
		p++;
	if (second != NULL)
		*second = (p + 1 < lx->end) ? (unsigned char)p[1] : -1;
	return p < lx->end ? (unsigned char)*p : -1;
}

/* Count a newline. "#line N" may set the line near INT_MAX: the count
 * stops there rather than overflow. */
static void
next_line(struct d_lexer *lx)
{
	if (lx->line < INT_MAX)
		lx->line++;
}

static int
cur(const struct d_lexer *lx)
{
	return lx->p < lx->end ? (unsigned char)*lx->p : -1;
}

static int
at(const struct d_lexer *lx, size_t off)
{
	return lx->p + off < lx->end ? (unsigned char)lx->p[off] : -1;
}

static int
is_ident_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == '`';
}

static int
is_ident_char(int c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_xdigit(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Characters of dtrace's RGX_PSPEC: first and following. */
static int
is_pspec_start(int c)
{
	return c == '-' || c == '$' || c == ':' || c == '.' || c == '?' ||
	       c == '*' || c == '\\' || c == '[' || c == ']' || c == '!' ||
	       (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
is_pspec_char(int c)
{
	return is_pspec_start(c) || is_digit(c) || c == '`';
}

/*
 * The text of a token for "syntax error near ...": the source bytes cut at
 * the first newline (dt_parser.c yyvwarn).
 */
static void
tok_near(const struct d_token *tok, char *buf, size_t size)
{
	size_t n = tok->len;
	const char *nl = memchr(tok->pos, '\n', n);

	if (nl != NULL)
		n = (size_t)(nl - tok->pos);
	if (n >= size)
		n = size - 1;
	memcpy(buf, tok->pos, n);
	buf[n] = '\0';
}

void
d_lex_syntax_error(struct d_lexer *lx, const struct d_token *tok)
{
	char near[256];

	if (tok->t == T_EOF)
		d_error(lx->pcb, tok->line, D_SYNTAX,
			"syntax error near end of input");
	tok_near(tok, near, sizeof(near));
	if (near[0] == '\0' && tok->len > 0 && tok->pos[0] == '\n')
		d_error(lx->pcb, tok->line, D_SYNTAX,
			"syntax error near end of line");
	d_error(lx->pcb, tok->line, D_SYNTAX, "syntax error near \"%s\"", near);
}

/* dtrace's `.` rules: a character no rule matches. */
static void __attribute__((noreturn))
bad_char(struct d_lexer *lx, enum d_lexmode mode)
{
	int c = cur(lx);

	if (c == 0 && mode != D_LM_OUTER)
		d_error(lx->pcb, lx->line, D_SYNTAX,
			"syntax error near end-of-input");
	if (c == 0)
		d_error(lx->pcb, lx->line, D_SYNTAX, "syntax error near \"");
	d_error(lx->pcb, lx->line, D_SYNTAX, "syntax error near \"%c\"", c);
}

char *
d_unescape(struct d_pcb *pcb, const char *s, size_t n, size_t *outlen)
{
	char *out = d_alloc(pcb, n + 1);
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c != '\\') {
			out[o++] = c;
			continue;
		}
		if (i + 1 >= n)
			break; /* a final lone backslash is dropped */
		c = s[++i];
		switch (c) {
		case '0':
		case '1':
		case '2':
		case '3':
		case '4':
		case '5':
		case '6':
		case '7': {
			/* up to three octal digits */
			unsigned v = (unsigned)(c - '0');
			int k;

			for (k = 0; k < 2 && i + 1 < n && s[i + 1] >= '0' &&
				    s[i + 1] <= '7';
			     k++)
				v = v * 8 + (unsigned)(s[++i] - '0');
			out[o++] = (char)v;
			break;
		}
		case 'a':
			out[o++] = '\a';
			break;
		case 'b':
			out[o++] = '\b';
			break;
		case 'f':
			out[o++] = '\f';
			break;
		case 'n':
			out[o++] = '\n';
			break;
		case 'r':
			out[o++] = '\r';
			break;
		case 't':
			out[o++] = '\t';
			break;
		case 'v':
			out[o++] = '\v';
			break;
		case 'x': {
			/* any number of hex digits, as dtrace's stresc2chr */
			unsigned v = 0;

			while (i + 1 < n &&
			       is_xdigit((unsigned char)s[i + 1])) {
				int d = (unsigned char)s[++i];

				v = v * 16 +
				    (unsigned)(is_digit(d) ?
						       d - '0' :
						       (d | 0x20) - 'a' + 10);
			}
			out[o++] = (char)v;
			break;
		}
		case '"':
		case '\\':
			/* dtrace's stresc2chr(): not \' nor \?, which stay
			 * as written */
			out[o++] = c;
			break;
		default:
			/* unknown escape: kept as written */
			out[o++] = '\\';
			out[o++] = c;
			break;
		}
	}
	out[o] = '\0';
	if (outlen != NULL)
		*outlen = o;
	return out;
}

/* ---------------------------------------------------------------------
 * Control lines
 * --------------------------------------------------------------------- */

enum ctl_kind { CTL_IDENT, CTL_INT, CTL_STRING };

struct ctl_tok {
	struct ctl_tok *next;
	enum ctl_kind kind;
	const char *s; /* IDENT, STRING */
	uint64_t v;    /* INT */
};

static size_t int_len(const char *s, const char *end);
static void scan_int(struct d_lexer *lx, const char *s, size_t n, int line,
		     uint64_t *val, unsigned *flags, int *base);

/* #line N ["file" [state...]] and "# N file" */
static void
ctl_line(struct d_lexer *lx, const char *prname, const struct ctl_tok *t,
	 int line)
{
	const struct ctl_tok *f = t ? t->next : NULL;
	const struct ctl_tok *st = f ? f->next : NULL;

	if (t == NULL || t->kind != CTL_INT ||
	    (f != NULL && f->kind != CTL_STRING) ||
	    (st != NULL && st->kind != CTL_INT))
		d_error(lx->pcb, line, D_PRAGMA_MALFORM,
			"malformed #%s <line> [ [\"file\"] state ]", prname);
	for (; st != NULL; st = st->next) {
		if (st->kind != CTL_INT)
			d_error(lx->pcb, line, D_PRAGMA_MALFORM,
				"malformed #%s <line> [ [\"file\"] state ]",
				prname);
	}
	/* the line after the directive is line N */
	lx->line = t->v > 0x7fffffff ? 0x7fffffff : (int)t->v;
}

static void
ctl_option(struct d_lexer *lx, const char *prname, const struct ctl_tok *t,
	   int line)
{
	struct d_pcb *pcb = lx->pcb;
	struct d_pragma *pr;
	const char *eq, *reason;

	if (t == NULL || t->kind != CTL_IDENT)
		d_error(pcb, line, D_PRAGMA_MALFORM,
			"malformed #pragma %s <option>=<val>", prname);
	if (t->next != NULL)
		d_error(pcb, line, D_PRAGMA_MALFORM,
			"superfluous arguments specified for #pragma %s",
			prname);
	pr = d_alloc(pcb, sizeof(*pr));
	eq = strchr(t->s, '=');
	if (eq != NULL) {
		pr->name = d_strndup(pcb, t->s, (size_t)(eq - t->s));
		pr->value = d_strdup(pcb, eq + 1);
	} else {
		pr->name = d_strdup(pcb, t->s);
	}
	pr->line = line;
	if (lx->ptail == NULL)
		for (lx->ptail = &pcb->pragmas; *lx->ptail != NULL;
		     lx->ptail = &(*lx->ptail)->next)
			;
	*lx->ptail = pr;
	lx->ptail = &pr->next;
	if (pcb->option_cb != NULL &&
	    (reason = pcb->option_cb(pcb->option_arg, pr->name, pr->value))) {
		if (pr->value == NULL)
			d_error(pcb, line, D_PRAGMA_OPTSET,
				"failed to set option '%s': %s", pr->name,
				reason);
		d_error(pcb, line, D_PRAGMA_OPTSET,
			"failed to set option '%s' to '%s': %s", pr->name,
			pr->value, reason);
	}
}

static void
ctl_error(struct d_lexer *lx, const char *prname, const struct ctl_tok *t,
	  int line)
{
	struct d_pcb *pcb = lx->pcb;
	size_t n = 1;
	const struct ctl_tok *e;
	char *s;

	for (e = t; e != NULL; e = e->next) {
		if (e->kind != CTL_INT)
			n += strlen(e->s) + 1;
	}
	s = d_alloc(pcb, n);
	for (e = t; e != NULL; e = e->next) {
		if (e->kind != CTL_INT) {
			strcat(s, e->s);
			strcat(s, " ");
		}
	}
	d_error(pcb, line, D_PRAGERR, "#%s: %s", prname, s);
}

/* Record an attributes/binding pragma in pcb->xpragmas. */
static void
xpragma_add(struct d_lexer *lx, int kind, const char *prname, const char *value,
	    const char *ident, int line)
{
	struct d_pcb *pcb = lx->pcb;
	struct d_pragma *pr = d_alloc(pcb, sizeof(*pr));

	pr->kind = kind;
	pr->name = prname;
	pr->value = d_strdup(pcb, value);
	pr->ident = ident ? d_strdup(pcb, ident) : NULL;
	pr->line = line;
	if (lx->xtail == NULL)
		for (lx->xtail = &pcb->xpragmas; *lx->xtail != NULL;
		     lx->xtail = &(*lx->xtail)->next)
			;
	*lx->xtail = pr;
	lx->xtail = &pr->next;
}

/* One '/'-separated part of an attribute string: dt_getstrattr() */
static int
attr_part(const char **pp, const char *const *names, size_t n)
{
	const char *p = *pp, *q = strchr(p, '/');
	size_t len = q ? (size_t)(q - p) : strlen(p), i;

	*pp = q ? q + 1 : p + len;
	for (i = 0; i < n; i++) {
		if (strlen(names[i]) == len &&
		    strncasecmp(names[i], p, len) == 0)
			return 0;
	}
	return -1;
}

/* dtrace_str2attr(): "name[/data[/class]]", case-insensitive. */
static int
attr_valid(const char *s)
{
	static const char *const stab[] = {
		"Internal", "Private",	"Obsolete", "External",
		"Unstable", "Evolving", "Stable",   "Standard",
	};
	static const char *const cls[] = {
		"Unknown", "CPU", "Platform", "Group", "ISA", "Common",
	};
	const char *p = s;

	if (*p == '\0')
		return 0;
	if (attr_part(&p, stab, 8) != 0)
		return -1;
	if (*p == '\0')
		return 0;
	if (attr_part(&p, stab, 8) != 0)
		return -1;
	if (*p == '\0')
		return 0;
	if (attr_part(&p, cls, 6) != 0)
		return -1;
	return *p == '\0' ? 0 : -1;
}

/* dt_version_str2num(): up to three dot-separated numbers */
static int
version_valid(const char *s)
{
	unsigned long n[3] = { 0, 0, 0 };
	int i = 0;
	char c;

	while ((c = *s++) != '\0') {
		if (c >= '0' && c <= '9') {
			n[i] = n[i] * 10 + (unsigned long)(c - '0');
			if (n[i] > 0xfff)
				return -1;
		} else if (c != '.' || i++ >= 2) {
			return -1;
		}
	}
	return n[0] > 0xff ? -1 : 0;
}

static void
ctl_attributes(struct d_lexer *lx, const char *prname, const struct ctl_tok *t,
	       int line)
{
	const struct ctl_tok *id;

	if (t == NULL || t->kind != CTL_IDENT || t->next == NULL ||
	    t->next->kind != CTL_IDENT)
		d_error(lx->pcb, line, D_PRAGMA_MALFORM,
			"malformed #pragma %s <attributes> <ident>", prname);
	if (attr_valid(t->s) != 0)
		d_error(lx->pcb, line, D_PRAGMA_INVAL,
			"invalid attributes specified by #pragma %s", prname);
	id = t->next;
	if (strcmp(id->s, "provider") == 0 && id->next != NULL) {
		/* provider NAME PART: a provider's attributes, not an
		   identifier's (recorded with ident NULL) */
		xpragma_add(lx, D_PRAGMA_ATTRIBUTES, prname, t->s, NULL, line);
		return;
	}
	xpragma_add(lx, D_PRAGMA_ATTRIBUTES, prname, t->s, id->s, line);
}

static void
ctl_binding(struct d_lexer *lx, const char *prname, const struct ctl_tok *t,
	    int line)
{
	if (t == NULL || t->kind != CTL_STRING || t->next == NULL ||
	    t->next->kind != CTL_IDENT)
		d_error(lx->pcb, line, D_PRAGMA_MALFORM,
			"malformed #pragma %s \"version\" <ident>", prname);
	if (version_valid(t->s) != 0)
		d_error(lx->pcb, line, D_PRAGMA_INVAL,
			"invalid version string specified by #pragma %s",
			prname);
	xpragma_add(lx, D_PRAGMA_BINDING, prname, t->s, t->next->s, line);
}

static void
ctl_depends(struct d_lexer *lx, const char *prname, const struct ctl_tok *t,
	    int line)
{
	struct d_pcb *pcb = lx->pcb;

	if (t == NULL || t->next == NULL || t->kind != CTL_IDENT ||
	    t->next->kind != CTL_IDENT)
		d_error(pcb, line, D_PRAGMA_MALFORM,
			"malformed #pragma %s <class> <name>", prname);
	if (strcmp(t->s, "library") == 0)
		d_error(pcb, line, D_PRAGMA_DEPEND,
			"main program may not explicitly depend on a library");
	if (strcmp(t->s, "provider") != 0 && strcmp(t->s, "module") != 0)
		d_error(pcb, line, D_PRAGMA_INVAL,
			"invalid class %s specified by #pragma %s", t->s,
			prname);
	if (pcb->depends_cb != NULL &&
	    !pcb->depends_cb(pcb->option_arg, t->s, t->next->s))
		d_error(pcb, line, D_PRAGMA_DEPEND, "program requires %s %s",
			t->s, t->next->s);
}

#define PRAGMA_DIR 0 /* may follow a bare '#' */
#define PRAGMA_SUB 1 /* may follow "#pragma" */
#define PRAGMA_DCP 2 /* only after "#pragma D" */

static const struct {
	const char *name;
	void (*fn)(struct d_lexer *, const char *, const struct ctl_tok *, int);
	int kind;
} pragmas[] = {
	{ "attributes", ctl_attributes, PRAGMA_DCP },
	{ "binding", ctl_binding, PRAGMA_DCP },
	{ "depends_on", ctl_depends, PRAGMA_DCP },
	{ "error", ctl_error, PRAGMA_DIR },
	{ "ident", NULL, PRAGMA_DIR },
	{ "line", ctl_line, PRAGMA_DIR },
	{ "option", ctl_option, PRAGMA_DCP },
};

/* dt_pragma(): act on one control line's tokens. `line` is its line. */
static void
ctl_dispatch(struct d_lexer *lx, const struct ctl_tok *t, int line)
{
	int kind = PRAGMA_DIR;
	size_t i;

	for (; t != NULL; t = t->next) {
		if (t->kind == CTL_INT) {
			ctl_line(lx, "line", t, line);
			return;
		}
		if (t->kind != CTL_IDENT)
			d_error(lx->pcb, line, D_PRAGCTL_INVAL,
				"invalid control directive");
		if (kind == PRAGMA_DIR && strcmp(t->s, "pragma") == 0) {
			kind = PRAGMA_SUB;
			continue;
		}
		if (kind == PRAGMA_SUB && strcmp(t->s, "D") == 0) {
			kind = PRAGMA_DCP;
			continue;
		}
		for (i = 0; i < sizeof(pragmas) / sizeof(pragmas[0]); i++) {
			if (pragmas[i].kind <= kind &&
			    strcmp(pragmas[i].name, t->s) == 0)
				break;
		}
		if (i < sizeof(pragmas) / sizeof(pragmas[0])) {
			if (pragmas[i].fn != NULL)
				pragmas[i].fn(lx, pragmas[i].name, t->next,
					      line);
			return;
		}
		if (kind == PRAGMA_DIR)
			d_error(lx->pcb, line, D_PRAGCTL_INVAL,
				"invalid control directive: #%s", t->s);
		if (kind == PRAGMA_DCP)
			d_error(lx->pcb, line, D_PRAGMA_INVAL,
				"invalid D pragma: %s", t->s);
		return; /* unknown #pragma X: ignored (K&R A12.8) */
	}
}

/*
 * A control line starts at lx->p (on the '#'). Read its tokens up to the
 * newline (dtrace's S3 state), then act on them.
 */
static void
control_line(struct d_lexer *lx)
{
	struct d_pcb *pcb = lx->pcb;
	struct ctl_tok *head = NULL, **tail = &head;
	int line = lx->line;

	lx->p++; /* '#' */
	for (;;) {
		int c = cur(lx);
		struct ctl_tok *t;
		const char *s;

		if (c < 0)
			d_error(pcb, lx->line, D_SYNTAX,
				"end-of-file encountered before end of "
				"control line");
		if (c == '\n') {
			lx->p++;
			next_line(lx);
			break;
		}
		if (c == '\f' || c == '\t' || c == '\v' || c == ' ') {
			lx->p++;
			continue;
		}
		t = d_alloc(pcb, sizeof(*t));
		s = lx->p;
		if (c == '"') {
			const char *q = lx->p + 1;

			while (q < lx->end && *q != '"' && *q != '\n') {
				if (*q == '\\' && q + 1 < lx->end &&
				    q[1] != '\n')
					q++;
				q++;
			}
			if (q < lx->end && *q == '\n')
				d_error(pcb,
					lx->line < INT_MAX ? lx->line + 1 :
							     INT_MAX,
					D_STR_NL,
					"newline encountered in string "
					"literal");
			if (q >= lx->end)
				d_error(pcb, lx->line, D_SYNTAX,
					"syntax error near \"\"\"");
			t->kind = CTL_STRING;
			t->s = d_unescape(pcb, s + 1, (size_t)(q - s - 1),
					  NULL);
			lx->p = q + 1;
		} else {
			const char *q = lx->p;
			size_t n;

			while (q < lx->end && *q != '\f' && *q != '\n' &&
			       *q != '\t' && *q != '\v' && *q != ' ' &&
			       *q != '"')
				q++;
			n = (size_t)(q - s);
			/* is the whole word an RGX_INT? */
			if (int_len(s, q) == n) {
				unsigned fl;
				int base;

				t->kind = CTL_INT;
				scan_int(lx, s, n, lx->line, &t->v, &fl, &base);
			} else {
				t->kind = CTL_IDENT;
				t->s = d_strndup(pcb, s, n);
			}
			lx->p = q;
		}
		*tail = t;
		tail = &t->next;
	}
	ctl_dispatch(lx, head, line);
}

/* ---------------------------------------------------------------------
 * Blanks and comments
 * --------------------------------------------------------------------- */

static void
skip_comment(struct d_lexer *lx)
{
	lx->p += 2; /* the opening slash-star */
	for (;;) {
		int c = cur(lx);

		if (c < 0)
			d_error(lx->pcb, lx->line, D_SYNTAX,
				"end-of-file encountered before matching */");
		if (c == '*' && at(lx, 1) == '/') {
			lx->p += 2;
			return;
		}
		if (c == '/' && at(lx, 1) == '*')
			d_error(lx->pcb, lx->line, D_SYNTAX,
				"/* encountered inside a comment");
		if (c == '\n')
			next_line(lx);
		lx->p++;
	}
}

static int
at_bol(const struct d_lexer *lx)
{
	return lx->p == lx->src || lx->p[-1] == '\n';
}

static void
skip_blanks(struct d_lexer *lx, enum d_lexmode mode)
{
	for (;;) {
		int c;

		if (at_bol(lx)) {
			/* [\f\t\v ]*# at the start of a line */
			const char *q = lx->p;

			while (q < lx->end && (*q == '\f' || *q == '\t' ||
					       *q == '\v' || *q == ' '))
				q++;
			if (q < lx->end && *q == '#') {
				lx->p = q;
				if (q + 1 < lx->end && q[1] == '!') {
					/* "#!" interpreter line: dropped */
					while (lx->p < lx->end &&
					       *lx->p != '\n')
						lx->p++;
					continue;
				}
				control_line(lx);
				continue;
			}
		}
		c = cur(lx);
		if (c < 0)
			return;
		if (is_blank(c)) {
			if (c == '\n')
				next_line(lx);
			lx->p++;
			continue;
		}
		if (c == '\\' && at(lx, 1) == '\n' && mode == D_LM_EXPR) {
			lx->p += 2;
			next_line(lx);
			continue;
		}
		if (c == '/' && at(lx, 1) == '*') {
			skip_comment(lx);
			continue;
		}
		if (c == '/' && at(lx, 1) == '/') {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
			continue;
		}
		return;
	}
}

/* ---------------------------------------------------------------------
 * Numbers
 * --------------------------------------------------------------------- */

/* Length of dtrace's RGX_INT at s (0 if none). */
static size_t
int_len(const char *s, const char *end)
{
	size_t k = 0, n = (size_t)(end - s);

	if (n == 0 || !is_digit((unsigned char)s[0]))
		return 0;
	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    is_xdigit((unsigned char)s[2])) {
		k = 2;
		while (k < n && is_xdigit((unsigned char)s[k]))
			k++;
	} else {
		while (k < n && is_digit((unsigned char)s[k]))
			k++;
	}
	if (k < n && (s[k] == 'u' || s[k] == 'U'))
		k++;
	if (k < n && (s[k] == 'l' || s[k] == 'L'))
		k++;
	if (k < n && (s[k] == 'l' || s[k] == 'L'))
		k++;
	return k;
}

/* Length of dtrace's RGX_FP at s (0 if none). */
static size_t
fp_len(const char *s, const char *end)
{
	size_t k = 0, n = (size_t)(end - s);

	if (n == 0)
		return 0;
	if (is_digit((unsigned char)s[0])) {
		while (k < n && is_digit((unsigned char)s[k]))
			k++;
		if (k < n && s[k] == '.')
			k++;
		while (k < n && is_digit((unsigned char)s[k]))
			k++;
	} else if (s[0] == '.' && n > 1 && is_digit((unsigned char)s[1])) {
		k = 1;
		while (k < n && is_digit((unsigned char)s[k]))
			k++;
	} else {
		return 0;
	}
	if (k < n && (s[k] == 'e' || s[k] == 'E')) {
		size_t e = k + 1;

		if (e < n && (s[e] == '+' || s[e] == '-'))
			e++;
		if (e < n && is_digit((unsigned char)s[e])) {
			while (e < n && is_digit((unsigned char)s[e]))
				e++;
			k = e;
		}
	}
	if (k < n && (s[k] == 'f' || s[k] == 'F' || s[k] == 'l' || s[k] == 'L'))
		k++;
	return k;
}

/*
 * The D_INT_U, D_INT_L and D_INT_LL flags of the integer suffix at p (the
 * rest of the constant after strtoull()), for literals and macro args.
 */
static unsigned
int_suffix_flags(const char *p)
{
	unsigned fl = 0;
	int nl = 0;

	for (; *p != '\0'; p++) {
		if (*p == 'u' || *p == 'U')
			fl |= D_INT_U;
		else if (*p == 'l' || *p == 'L')
			nl++;
	}
	if (nl >= 2)
		fl |= D_INT_LL;
	else if (nl == 1)
		fl |= D_INT_L;
	return fl;
}

/* The radix of an integer spelling s: 0x... 16, 0... 8, else 10. */
static int
int_base(const char *s)
{
	if (s[0] != '0')
		return 10;
	return s[1] == 'x' || s[1] == 'X' ? 16 : 8;
}

/* Convert an RGX_INT spelling, with dtrace's overflow and digit checks. */
static void
scan_int(struct d_lexer *lx, const char *s, size_t n, int line, uint64_t *val,
	 unsigned *flags, int *base)
{
	char buf[128], *p;
	unsigned long long v;

	if (n >= sizeof(buf)) {
		/* far too many digits for 64 bits: strtoull says ERANGE */
		d_error(lx->pcb, line, D_INT_OFLOW,
			"constant %.*s results in integer overflow", (int)n, s);
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	v = strtoull(buf, &p, 0);
	if (errno == ERANGE)
		d_error(lx->pcb, line, D_INT_OFLOW,
			"constant %s results in integer overflow", buf);
	if (*p != '\0' && strchr("uUlL", *p) == NULL)
		d_error(lx->pcb, line, D_INT_DIGIT,
			"constant %s contains invalid digit %c", buf, *p);
	*val = v;
	*flags = int_suffix_flags(p);
	*base = int_base(buf);
}

/* ---------------------------------------------------------------------
 * Macros
 * --------------------------------------------------------------------- */

/* dtrace's strbadidnum(): neither an integer nor an identifier. */
static int
bad_idnum(const char *s)
{
	char *p;
	int c;

	if (*s == '\0')
		return 1;
	errno = 0;
	(void)strtoull(s, &p, 0);
	if (errno == 0 && *p == '\0')
		return 0;
	while ((c = (unsigned char)*s++) != '\0') {
		if (!isalnum(c) && c != '_' && c != '`')
			return 1;
	}
	return 0;
}

static const struct d_macro *
macro_lookup(const struct d_pcb *pcb, const char *name, size_t n)
{
	int i;

	for (i = 0; i < pcb->nmacros; i++) {
		if (strlen(pcb->macros[i].name) == n &&
		    memcmp(pcb->macros[i].name, name, n) == 0)
			return &pcb->macros[i];
	}
	return NULL;
}

/* The value of $i, or NULL (then the default) when not given. */
static const char *
macro_arg(struct d_lexer *lx, const struct d_token *tok, long i)
{
	struct d_pcb *pcb = lx->pcb;

	if (i < 0 || (i >= pcb->argc && !(pcb->cflags & D_CF_DEFARGS)))
		d_error(pcb, tok->line, D_MACRO_UNDEF,
			"macro argument %.*s is not defined", (int)tok->len,
			tok->pos);
	if (i < pcb->argc) {
		if (pcb->argref != NULL)
			pcb->argref[i] = 1;
		return pcb->argv[i] ? pcb->argv[i] : "";
	}
	return NULL;
}

/* The token at lx->p starts with '$' (D_LM_EXPR or D_LM_IDENT). */
static void
lex_macro(struct d_lexer *lx, struct d_token *tok, enum d_lexmode mode)
{
	struct d_pcb *pcb = lx->pcb;
	const char *s = lx->p;
	int dd = at(lx, 1) == '$';
	const char *q = s + 1 + dd;
	long i;

	if (q < lx->end && is_digit((unsigned char)*q) &&
	    (!dd || mode == D_LM_EXPR)) {
		const char *v;

		i = 0;
		while (q < lx->end && is_digit((unsigned char)*q)) {
			if (i < 100000000)
				i = i * 10 + (*q - '0');
			q++;
		}
		lx->p = q;
		tok->len = (size_t)(q - s);
		v = macro_arg(lx, tok, i);
		if (dd) {
			tok->t = T_STRING;
			tok->str = d_unescape(pcb, v ? v : "",
					      v ? strlen(v) : 0, &tok->slen);
			return;
		}
		if (v == NULL)
			v = "0";
		if (bad_idnum(v)) {
			size_t len = strlen(v);

			if (len != 1 && v[0] == '"' && v[len - 1] == '"')
				tok->str = d_unescape(pcb, v + 1, len - 2,
						      &tok->slen);
			else
				tok->str = d_unescape(pcb, v, len, &tok->slen);
			tok->t = T_STRING;
			return;
		}
		if (is_digit((unsigned char)v[0]) || v[0] == '-' ||
		    v[0] == '+') {
			char *p;
			unsigned long long val;
			unsigned fl = D_INT_MACRO;

			if (v[0] == '-')
				fl |= D_INT_NEG;
			if (!is_digit((unsigned char)v[0]))
				v++;
			errno = 0;
			val = strtoull(v, &p, 0);
			if (errno == ERANGE)
				d_error(pcb, tok->line, D_MACRO_OFLOW,
					"macro argument %.*s constant %s "
					"results in integer overflow",
					(int)tok->len, tok->pos, v);
			tok->t = T_INT;
			tok->ival = val;
			tok->iflags = fl | int_suffix_flags(p);
			tok->ibase = int_base(v);
			return;
		}
		tok->t = T_IDENT;
		tok->str = d_strdup(pcb, v);
		return;
	}
	if (mode == D_LM_EXPR && q < lx->end &&
	    is_ident_start((unsigned char)*q)) {
		const struct d_macro *m;
		const char *name = q;

		while (q < lx->end && is_ident_char((unsigned char)*q))
			q++;
		lx->p = q;
		tok->len = (size_t)(q - s);
		m = macro_lookup(pcb, name, (size_t)(q - name));
		if (m == NULL)
			d_error(pcb, tok->line, D_MACRO_UNDEF,
				"macro variable %.*s is not defined",
				(int)tok->len, tok->pos);
		if (dd) {
			tok->t = T_STRING;
			tok->str = d_asprintf(pcb, "%u", m->value);
			tok->slen = strlen(tok->str);
			return;
		}
		tok->t = T_INT;
		tok->ival = (uint64_t)(int64_t)(int32_t)m->value;
		tok->iflags = D_INT_MACRO;
		tok->ibase = 10;
		if ((int32_t)m->value < 0) {
			tok->ival = (uint64_t)(-(int64_t)(int32_t)m->value);
			tok->iflags |= D_INT_NEG;
		}
		return;
	}
	bad_char(lx, mode);
}

/* ---------------------------------------------------------------------
 * Strings and characters
 * --------------------------------------------------------------------- */

/*
 * Scan a quoted literal starting at lx->p (the quote). Returns the end
 * (the closing quote). dtrace's RGX_STR / RGX_CHR: a backslash escapes
 * any character but a newline.
 */
static const char *
scan_quoted(struct d_lexer *lx, int quote, enum d_errtag nltag,
	    const char *nlmsg)
{
	const char *q = lx->p + 1;

	while (q < lx->end && *q != quote && *q != '\n') {
		if (*q == '\\') {
			if (q + 1 < lx->end && q[1] != '\n') {
				q += 2;
				continue;
			}
			break;
		}
		q++;
	}
	if (q < lx->end && *q == '\n')
		d_error(lx->pcb, lx->line < INT_MAX ? lx->line + 1 : INT_MAX,
			nltag, "%s", nlmsg);
	if (q >= lx->end || *q != quote) {
		/* dtrace's catch-all rule sees just the opening quote */
		d_error(lx->pcb, lx->line, D_SYNTAX, "syntax error near \"%c\"",
			quote);
	}
	return q;
}

static void
lex_string(struct d_lexer *lx, struct d_token *tok)
{
	const char *q = scan_quoted(lx, '"', D_STR_NL,
				    "newline encountered in string literal");

	tok->t = T_STRING;
	tok->str = d_unescape(lx->pcb, lx->p + 1, (size_t)(q - lx->p - 1),
			      &tok->slen);
	lx->p = q + 1;
	tok->len = (size_t)(lx->p - tok->pos);
}

static void
lex_char(struct d_lexer *lx, struct d_token *tok)
{
	const char *q = scan_quoted(lx, '\'', D_CHR_NL,
				    "newline encountered in character "
				    "constant");
	size_t n, i;
	char *s;
	uint64_t v = 0;

	if (q == lx->p + 1)
		d_error(lx->pcb, lx->line, D_CHR_NULL,
			"empty character constant");
	s = d_unescape(lx->pcb, lx->p + 1, (size_t)(q - lx->p - 1), &n);
	/* stresc2chr stops at a NUL byte in the source text */
	for (i = 0; i < (size_t)(q - lx->p - 1); i++) {
		if (lx->p[1 + i] == '\0') {
			s = d_unescape(lx->pcb, lx->p + 1, i, &n);
			break;
		}
	}
	if (n > sizeof(uint64_t))
		d_error(lx->pcb, lx->line, D_CHR_OFLOW,
			"character constant is too long");
	for (i = 0; i < n; i++)
		v = (v << 8) | (unsigned char)s[i];
	tok->t = T_CHAR;
	tok->ival = v;
	tok->nchars = (int)n;
	lx->p = q + 1;
	tok->len = (size_t)(lx->p - tok->pos);
}

/* ---------------------------------------------------------------------
 * The scanner
 * --------------------------------------------------------------------- */

/* Operators, longest first within each leading character. */
static const struct {
	const char *s;
	enum d_tok t;
} ops[] = {
	{ "<<=", T_LSH_EQ }, { ">>=", T_RSH_EQ }, { "...", T_ELLIPSIS },
	{ "->", T_ARROW },   { "++", T_INC },	  { "--", T_DEC },
	{ "<<", T_LSH },     { ">>", T_RSH },	  { "<=", T_LE },
	{ ">=", T_GE },	     { "==", T_EQ },	  { "!=", T_NE },
	{ "&&", T_LAND },    { "||", T_LOR },	  { "^^", T_LXOR },
	{ "+=", T_ADD_EQ },  { "-=", T_SUB_EQ },  { "*=", T_MUL_EQ },
	{ "/=", T_DIV_EQ },  { "%=", T_MOD_EQ },  { "&=", T_AND_EQ },
	{ "^=", T_XOR_EQ },  { "|=", T_OR_EQ },	  { "(", T_LPAR },
	{ ")", T_RPAR },     { "[", T_LBRAC },	  { "]", T_RBRAC },
	{ "{", T_LBRACE },   { "}", T_RBRACE },	  { ";", T_SEMI },
	{ ",", T_COMMA },    { ".", T_DOT },	  { "?", T_QUESTION },
	{ ":", T_COLON },    { "+", T_ADD },	  { "-", T_SUB },
	{ "*", T_MUL },	     { "/", T_DIV },	  { "%", T_MOD },
	{ "&", T_BAND },     { "|", T_BOR },	  { "^", T_XOR },
	{ "~", T_BNEG },     { "!", T_LNEG },	  { "<", T_LT },
	{ ">", T_GT },	     { "=", T_ASGN },
};

/* Is the word at s..s+n a type name for the outer-scope rule? */
static int
outer_is_type(struct d_pcb *pcb, const char *s, size_t n)
{
	static const char *const base[] = {
		"char",	  "short",  "int",	"long", "float",
		"double", "signed", "unsigned", "void", "string",
	};
	char buf[256];
	size_t i;

	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	for (i = 0; i < sizeof(base) / sizeof(base[0]); i++) {
		if (strcmp(buf, base[i]) == 0)
			return 1;
	}
	return d_pcb_is_typedef(pcb, buf);
}

static void
lex_outer_word(struct d_lexer *lx, struct d_token *tok)
{
	struct d_pcb *pcb = lx->pcb;
	const char *s = lx->p, *q = lx->p, *star;
	const struct kwent *k;
	size_t n;

	while (q < lx->end) {
		if (is_pspec_char((unsigned char)*q)) {
			q++;
			continue;
		}
		/* A module given as a path (pid1234:/lib/libc.so.6:f:entry,
		   as the pid provider takes it): a '/' right after the first
		   ':' starts a path when another ':' follows before the end
		   of the word; else it is a predicate's, as in dtrace. */
		if (*q == '/' && q > s && q[-1] == ':' &&
		    memchr(s, ':', (size_t)(q - s - 1)) == NULL) {
			const char *e = q;

			while (e < lx->end &&
			       (is_pspec_char((unsigned char)*e) ||
				*e == '/') &&
			       *e != ':')
				e++;
			if (e < lx->end && *e == ':') {
				q = e;
				continue;
			}
		}
		break;
	}
	n = (size_t)(q - s);
	k = kw_lookup(s, n);
	if (k != NULL && k->outer) {
		tok->t = k->tok;
		lx->p = q;
		tok->len = n;
		return;
	}
	/*
	 * dtrace's S2 ambiguity rule: "int*" or a typedef name could start
	 * a declaration. Unless the text came from -n (D_CF_PSPEC) or has a
	 * character no type name has, a leading type name wins.
	 */
	if (!(pcb->cflags & D_CF_PSPEC)) {
		int special = 0;
		size_t i;

		for (i = 0; i < n; i++) {
			if (strchr(":-.?!`", s[i]) != NULL)
				special = 1;
		}
		if (!special && !(n == 5 && memcmp(s, "BEGIN", 5) == 0) &&
		    !(n == 3 && memcmp(s, "END", 3) == 0) &&
		    !(n == 5 && memcmp(s, "ERROR", 5) == 0)) {
			size_t tn = n;

			star = memchr(s, '*', n);
			if (star != NULL && star > s)
				tn = (size_t)(star - s);
			if (outer_is_type(pcb, s, tn)) {
				k = kw_lookup(s, tn);
				lx->p = s + tn;
				tok->len = tn;
				if (k != NULL) {
					tok->t = k->tok;
					return;
				}
				tok->t = T_TNAME;
				tok->str = d_strndup(pcb, s, tn);
				return;
			}
		}
	}
	tok->t = T_PSPEC;
	tok->str = d_strndup(pcb, s, n);
	lx->p = q;
	tok->len = n;
}

static void
lex_number(struct d_lexer *lx, struct d_token *tok, enum d_lexmode mode)
{
	size_t il = int_len(lx->p, lx->end);
	size_t fl = mode == D_LM_OUTER ? 0 : fp_len(lx->p, lx->end);

	if (fl > il)
		d_error(lx->pcb, lx->line, D_SYNTAX,
			"floating-point constants are not permitted");
	tok->t = T_INT;
	scan_int(lx, lx->p, il, lx->line, &tok->ival, &tok->iflags,
		 &tok->ibase);
	lx->p += il;
	tok->len = il;
}

void
d_lex_next(struct d_lexer *lx, struct d_token *tok, enum d_lexmode mode)
{
	struct d_pcb *pcb = lx->pcb;
	size_t i;
	int c, step;
	int *depth;

	skip_blanks(lx, mode);
	memset(tok, 0, sizeof(*tok));
	tok->line = lx->line;
	tok->pos = lx->p;
	c = cur(lx);
	if (c < 0) {
		tok->t = T_EOF;
		return;
	}

	if (mode == D_LM_OUTER) {
		if (is_pspec_start(c)) {
			lex_outer_word(lx, tok);
			return;
		}
		if (is_digit(c)) {
			lex_number(lx, tok, mode);
			return;
		}
		lx->p++;
		tok->len = 1;
		switch (c) {
		case '/':
			tok->t = T_DIV;
			return;
		case ',':
			tok->t = T_COMMA;
			return;
		case '{':
			lx->braces++;
			tok->t = T_LBRACE;
			return;
		default:
			lx->p--;
			bad_char(lx, mode);
		}
	}

	if (is_ident_start(c)) {
		const char *q = lx->p;
		const struct kwent *k;

		while (q < lx->end && is_ident_char((unsigned char)*q))
			q++;
		tok->len = (size_t)(q - lx->p);
		k = mode == D_LM_EXPR ? kw_lookup(lx->p, tok->len) : NULL;
		if (k != NULL) {
			tok->t = k->tok;
		} else {
			tok->t = T_IDENT;
			tok->str = d_strndup(pcb, lx->p, tok->len);
		}
		lx->p = q;
		return;
	}
	if (c == '$') {
		lex_macro(lx, tok, mode);
		return;
	}
	if (is_digit(c)) {
		lex_number(lx, tok, mode);
		return;
	}
	if (c == '@') {
		const char *q = lx->p + 1;

		if (q < lx->end &&
		    (is_ident_start((unsigned char)*q) && *q != '`')) {
			while (q < lx->end &&
			       (is_ident_char((unsigned char)*q) && *q != '`'))
				q++;
			tok->str = d_strndup(pcb, lx->p + 1,
					     (size_t)(q - lx->p - 1));
		} else {
			tok->str = d_strdup(pcb, "_");
		}
		tok->t = T_AGG;
		tok->len = (size_t)(q - lx->p);
		lx->p = q;
		return;
	}
	if (c == '"') {
		lex_string(lx, tok);
		return;
	}
	if (c == '\'') {
		lex_char(lx, tok);
		return;
	}
	if (c == '.' && is_digit(at(lx, 1)))
		d_error(pcb, lx->line, D_SYNTAX,
			"floating-point constants are not permitted");

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t n;

		if (ops[i].s[0] != c)
			continue;
		n = strlen(ops[i].s);
		if ((size_t)(lx->end - lx->p) >= n &&
		    memcmp(lx->p, ops[i].s, n) == 0)
			break;
	}
	if (i == sizeof(ops) / sizeof(ops[0]))
		bad_char(lx, mode);

	tok->t = ops[i].t;
	tok->len = strlen(ops[i].s);
	lx->p += tok->len;

	switch (tok->t) {
	case T_DIV: {
		/* dtrace's predicate rule: look at the next non-blank */
		int nc = d_lex_peekc(lx, NULL);

		if (nc < 0 || nc == 0 || nc == ';' || nc == '{' || nc == '/') {
			/* dtrace has read the blanks by then: its line
			 * is that of the next non-blank character */
			int eline = lx->line;
			const char *q;

			for (q = lx->p; q < lx->end && is_blank(*q); q++)
				if (*q == '\n' && eline < INT_MAX)
					eline++;
			if (lx->parens != 0)
				d_error(pcb, eline, D_SYNTAX,
					"closing ) expected in predicate "
					"before /");
			if (lx->brackets != 0)
				d_error(pcb, eline, D_SYNTAX,
					"closing ] expected in predicate "
					"before /");
			tok->t = T_EPRED;
		}
		break;
	}
	default:
		depth = group_depth(lx, tok->t, &step);
		if (depth == NULL)
			break;
		*depth += step;
		if (step < 0 && *depth < 0)
			d_error(pcb, lx->line, D_SYNTAX,
				"extra %s in input stream", ops[i].s);
		break;
	}
}
