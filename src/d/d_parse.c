/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The D parser: recursive descent over the tokens of d_lex.c, building the
 * tree of d_ast.h. doc/d-grammar.md holds the grammar in EBNF; each
 * production there is one function here.
 *
 * Design notes.
 *
 * The parser drives the lexer: at the outer scope it asks for probe
 * descriptions (D_LM_OUTER), inside clauses and declarations for C tokens
 * (D_LM_EXPR), and after "." / "->" for member names (D_LM_IDENT). One
 * token of look-ahead is kept; if the parser asks for it in another mode
 * the lexer rewinds and scans it again.
 *
 * Expressions use precedence climbing for the binary operators (levels
 * from || down to * / %), with C's grammar for the rest: assignment takes
 * a unary expression on its left (so "a + b = c" is a syntax error, as in
 * dtrace), ?: takes a full expression in the middle, casts are recognised
 * by a type name after "(".
 *
 * Type names versus identifiers is C's "lexer hack": pcb->typedefs holds the
 * typedef names in scope (the built-ins, then each typedef as its
 * declaration ends). In expressions dtrace's id_or_type() rule also applies:
 * a typedef name followed by ++ -- [ = ; (or "," outside parentheses) is
 * an identifier.
 *
 * Errors follow dtrace: "syntax error near \"TOKEN\"" at the first token
 * that cannot continue the program; the specific messages of dt_grammar.y
 * and dt_decl.c are reproduced where dtrace has them. Nesting is bounded by
 * pcb->maxdepth so that no input can exhaust the stack.
 */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "d/d_lex.h"

struct parser {
	struct d_pcb *pcb;
	struct d_lexer lx;
	struct d_token tok;  /* look-ahead */
	int have;	     /* tok holds a token not yet consumed */
	enum d_lexmode mode; /* the mode tok was scanned in */
	int depth;	     /* current nesting */
	int xlator_input;    /* inside "translator T < type NAME >" */
	int type_ctx;	     /* d_parse_type(): identifiers are types */
};

static struct d_token *
peek_mode(struct parser *P, enum d_lexmode mode)
{
	if (P->have && P->mode == mode)
		return &P->tok;
	if (P->have)
		d_lex_rewind(&P->lx, &P->tok);
	d_lex_next(&P->lx, &P->tok, mode);
	P->have = 1;
	P->mode = mode;
	return &P->tok;
}

static struct d_token *
peek(struct parser *P)
{
	return peek_mode(P, D_LM_EXPR);
}

static void
advance(struct parser *P)
{
	P->have = 0;
}

static void __attribute__((noreturn)) syntax_error(struct parser *P)
{
	d_lex_syntax_error(&P->lx, &P->tok);
}

static void
expect(struct parser *P, enum d_tok t)
{
	if (peek(P)->t != t)
		syntax_error(P);
	advance(P);
}

static void
enter(struct parser *P)
{
	if (++P->depth > P->pcb->maxdepth) {
		/* bison's message when its stack overflows, plus "near" */
		struct d_token *t = P->have ? &P->tok : NULL;
		char near[64];
		size_t n;

		if (t == NULL || t->t == T_EOF)
			d_error(P->pcb, P->lx.line, D_SYNTAX,
				"memory exhausted near end of input");
		n = t->len < sizeof(near) - 1 ? t->len : sizeof(near) - 1;
		memcpy(near, t->pos, n);
		near[n] = '\0';
		if (strchr(near, '\n') != NULL)
			*strchr(near, '\n') = '\0';
		d_error(P->pcb, t->line, D_SYNTAX,
			"memory exhausted near \"%s\"", near);
	}
}

static void
leave(struct parser *P)
{
	P->depth--;
}

static struct d_node *
node(struct parser *P, enum d_node_kind kind, int line)
{
	return d_node_new(P->pcb, kind, line);
}

/* A list under construction: appending is O(1) (inputs can be huge). */
struct nlist {
	struct d_node *head, *tail;
};

static void
nl_add(struct nlist *l, struct d_node *n)
{
	if (l->tail != NULL)
		l->tail->next = n;
	else
		l->head = n;
	l->tail = n;
	while (l->tail->next != NULL)
		l->tail = l->tail->next;
}

/* ---------------------------------------------------------------------
 * Probe descriptions
 * --------------------------------------------------------------------- */

static const char *const pspec_msg_over = "Overspecified probe description";
static const char *const pspec_msg_macro =
	"Undefined macro variable in probe description";

/*
 * dtrace_xstr2desc(): split from the right at ':', expanding the first
 * '$' macro of each field. Returns NULL or the reason of the failure.
 */
static const char *
pdesc_fields(struct d_pcb *pcb, const char *s, enum d_pspec kind,
	     const char *fields[4], int *nfields)
{
	size_t slen = strlen(s);
	const char *p = s + slen; /* one past the current field */
	int spec = (int)kind;
	int n = 0;

	fields[0] = fields[1] = fields[2] = fields[3] = NULL;
	for (;;) {
		const char *q = p, *v, *w = NULL;
		size_t len, vlen = 0, wlen = 0;
		char numbuf[32];
		char *name;

		while (q > s && q[-1] != ':')
			q--;
		len = (size_t)(p - q);
		v = memchr(q, '$', len);
		if (v != NULL) {
			vlen = (size_t)(p - v);
			len = (size_t)(v - q);
			if (vlen > 2 && v[1] == '$') {
				vlen--;
				v++;
			}
			if (vlen > 1 && v[1] >= '0' && v[1] <= '9') {
				long i = 0;

				w = v + 1;
				while (w < p && *w >= '0' && *w <= '9') {
					if (i < 100000000)
						i = i * 10 + (*w - '0');
					w++;
				}
				wlen = (size_t)(p - w);
				if (i >= pcb->argc)
					return pspec_msg_macro;
				if (pcb->argref != NULL)
					pcb->argref[i] = 1;
				v = pcb->argv[i] ? pcb->argv[i] : "";
				vlen = strlen(v);
			} else if (vlen > 1) {
				int k, found = -1;

				for (k = 0; k < pcb->nmacros; k++) {
					if (strlen(pcb->macros[k].name) ==
						    vlen - 1 &&
					    memcmp(pcb->macros[k].name, v + 1,
						   vlen - 1) == 0)
						found = k;
				}
				if (found < 0)
					return pspec_msg_macro;
				snprintf(numbuf, sizeof(numbuf), "%d",
					 (int)pcb->macros[found].value);
				v = numbuf;
				vlen = strlen(numbuf);
			} else {
				return pspec_msg_macro;
			}
		}
		if (spec < 0)
			return pspec_msg_over;
		name = d_alloc(pcb, len + vlen + wlen + 1);
		memcpy(name, q, len);
		if (vlen)
			memcpy(name + len, v, vlen);
		if (wlen)
			memcpy(name + len + vlen, w, wlen);
		fields[spec] = name;
		n++;
		spec--;
		if (q == s)
			break;
		p = q - 1; /* skip the ':' */
	}
	*nfields = n;
	return NULL;
}

int
d_pdesc_split(struct d_pcb *pcb, const char *text, enum d_pspec kind,
	      struct d_pdesc *pd, int line)
{
	const char *f[4];
	const char *why;
	int n;

	why = pdesc_fields(pcb, text, kind, f, &n);
	if (why != NULL)
		return d_error_set(pcb, line, D_PDESC_INVAL,
				   "invalid probe description \"%s\": %s", text,
				   why);
	pd->provider = f[0] ? f[0] : "";
	pd->module = f[1] ? f[1] : "";
	pd->function = f[2] ? f[2] : "";
	pd->name = f[3] ? f[3] : "";
	return 0;
}

char *
d_pdesc_expand(struct d_pcb *pcb, const char *text, int line)
{
	const char *f[4];
	const char *why;
	size_t len = 0;
	char *out;
	int n, i, first = 1;

	why = pdesc_fields(pcb, text, D_PSPEC_NAME, f, &n);
	if (why != NULL) {
		d_error_set(pcb, line, D_PDESC_INVAL,
			    "invalid probe description \"%s\": %s", text, why);
		return NULL;
	}
	for (i = 4 - n; i < 4; i++)
		len += strlen(f[i]) + 1;
	out = d_alloc(pcb, len + 1);
	for (i = 4 - n; i < 4; i++) {
		if (!first)
			strcat(out, ":");
		strcat(out, f[i]);
		first = 0;
	}
	return out;
}

/* ---------------------------------------------------------------------
 * Types
 * --------------------------------------------------------------------- */

static struct d_node *parse_expr(struct parser *P);
static struct d_node *parse_assign(struct parser *P);
static struct d_node *parse_cond(struct parser *P, int *is_unary);
static struct d_node *parse_typename(struct parser *P);
static struct d_declspec *parse_declspec(struct parser *P, int storage);
static void parse_declarator(struct parser *P, int kind,
			     struct d_declarator *out);
static struct d_node *parse_stmt_list(struct parser *P);

#define DTOR_NAMED 0	/* must declare a name */
#define DTOR_ABSTRACT 1 /* no name (type names) */
#define DTOR_EITHER 2	/* parameters: name optional */

/*
 * Is the current IDENT a typedef name here? dtrace's id_or_type(): a known
 * typedef name, unless the next character says it is being assigned,
 * subscripted or ends a statement.
 */
static int
ident_is_type(struct parser *P)
{
	struct d_token *t = &P->tok;
	int c, c2;

	if (t->t != T_IDENT)
		return 0;
	if (P->type_ctx)
		return 1;
	if (!d_pcb_is_typedef(P->pcb, t->str))
		return 0;
	c = d_lex_peekc(&P->lx, &c2);
	switch (c) {
	case '+':
	case '-':
		if (c2 == c)
			return 0;
		break;
	case '=':
		if (c2 != '=')
			return 0;
		break;
	case '[':
	case ';':
		return 0;
	case ',':
		if (P->lx.parens == 0)
			return 0;
		break;
	case '>':
		if (P->xlator_input)
			return 0;
		break;
	default:
		break;
	}
	return 1;
}

static int
tok_is_type_kw(enum d_tok t)
{
	switch (t) {
	case T_KW_VOID:
	case T_KW_CHAR:
	case T_KW_SHORT:
	case T_KW_INT:
	case T_KW_LONG:
	case T_KW_FLOAT:
	case T_KW_DOUBLE:
	case T_KW_SIGNED:
	case T_KW_UNSIGNED:
	case T_KW_STRING:
	case T_KW_STRUCT:
	case T_KW_UNION:
	case T_KW_ENUM:
	case T_KW_CONST:
	case T_KW_VOLATILE:
	case T_KW_RESTRICT:
		return 1;
	default:
		return 0;
	}
}

static int
tok_is_storage_kw(enum d_tok t)
{
	switch (t) {
	case T_KW_AUTO:
	case T_KW_REGISTER:
	case T_KW_STATIC:
	case T_KW_EXTERN:
	case T_KW_TYPEDEF:
		return 1;
	default:
		return 0;
	}
}

/* Does the look-ahead start a type name (specifier_qualifier_list)? */
static int
at_type_start(struct parser *P)
{
	struct d_token *t = peek(P);

	return tok_is_type_kw(t->t) || ident_is_type(P);
}

/* ... or a parameter declaration (which may begin with a storage class)? */
static int
at_param_start(struct parser *P)
{
	return at_type_start(P) || tok_is_storage_kw(P->tok.t);
}

/* Declaration-specifier state, mirroring dt_decl.c's dt_decl_t. */
enum spec_kind { SK_NONE, SK_INTEGER, SK_FLOAT, SK_TYPEDEF, SK_SOU, SK_ENUM };

struct spec_state {
	enum spec_kind kind;
	const char *name; /* "void" "char" "int" "float" "double"
				 * "string", typedef name, or tag */
	int shorts, longs, sign, unsign;
	int line;
};

/* dt_decl_check() */
static void
spec_check(struct parser *P, const struct spec_state *s, int line)
{
	if (s->kind == SK_NONE)
		return;
	if (s->name && strcmp(s->name, "char") == 0 && s->kind == SK_INTEGER &&
	    (s->shorts || s->longs))
		d_error(P->pcb, line, D_DECL_CHARATTR,
			"invalid type declaration: short and long may not be "
			"used with char type");
	if (s->name && strcmp(s->name, "void") == 0 && s->kind == SK_INTEGER &&
	    (s->shorts || s->longs || s->sign || s->unsign))
		d_error(P->pcb, line, D_DECL_VOIDATTR,
			"invalid type declaration: attributes may not be used "
			"with void type");
	if (s->kind != SK_INTEGER && (s->sign || s->unsign))
		d_error(P->pcb, line, D_DECL_SIGNINT,
			"invalid type declaration: signed and unsigned may only "
			"be used with integer type");
	if (s->kind != SK_INTEGER && s->kind != SK_FLOAT && s->longs)
		d_error(P->pcb, line, D_DECL_LONGINT,
			"invalid type declaration: long and long long may only "
			"be used with integer or floating-point type");
}

/* dt_decl_spec(): a second type specifier */
static void
spec_set(struct parser *P, struct spec_state *s, enum spec_kind kind,
	 const char *name, int line)
{
	if (s->kind != SK_NONE)
		d_error(P->pcb, line, D_DECL_COMBO, "invalid type combination");
	s->kind = kind;
	s->name = name;
	spec_check(P, s, line);
}

/*
 * dt_decl_attr(): the attributes only accumulate. A second "long" turns
 * "long" into "long long"; a third adds "long" again (longs == 3 is
 * dtrace's DT_DA_LONG | DT_DA_LONGLONG), a fourth folds back into "long
 * long". Impossible combinations fail later, when the name they spell is
 * looked up (spec_lookup_fail()).
 */
static void
spec_attr(struct parser *P, struct spec_state *s, enum d_tok t, int line)
{
	switch (t) {
	case T_KW_SHORT:
		s->shorts = 1;
		break;
	case T_KW_LONG:
		s->longs = s->longs == 0 ? 1 : s->longs == 2 ? 3 : 2;
		break;
	case T_KW_SIGNED:
		s->sign = 1;
		break;
	case T_KW_UNSIGNED:
		s->unsign = 1;
		break;
	default:
		break;
	}
	spec_check(P, s, line);
}

/*
 * dt_decl_type(): the type name the specifiers spell, as dtrace builds it
 * to look it up; a name that is no type fails with D_UNKNOWN (e.g.
 * "failed to resolve type short long : Unknown type name").
 */
static void __attribute__((noreturn))
spec_lookup_fail(struct parser *P, const struct spec_state *s)
{
	int attrs = s->shorts || s->longs;
	const char *nm = s->name;

	if (s->kind == SK_INTEGER && attrs)
		nm = NULL;
	d_error(P->pcb, s->line, D_UNKNOWN,
		"failed to resolve type %s%s%s%s%s%s: Unknown type name",
		s->sign ? "signed " : "", s->unsign ? "unsigned " : "",
		s->shorts ? "short " : "", (s->longs & 1) ? "long " : "",
		s->longs >= 2 ? "long long " : "", nm ? nm : "");
}

/* Normalise the specifiers into ds->base and ds->text. */
static void
spec_finish(struct parser *P, const struct spec_state *s, struct d_declspec *ds)
{
	struct d_pcb *pcb = P->pcb;
	const char *u = s->unsign ? "unsigned " : "";
	int any_attr = s->shorts || s->longs || s->sign || s->unsign;

	if ((s->kind == SK_NONE || s->kind == SK_INTEGER) &&
	    ((s->sign && s->unsign) || (s->shorts && s->longs) ||
	     s->longs == 3))
		spec_lookup_fail(P, s);
	if (s->kind == SK_FLOAT &&
	    (s->shorts || (strcmp(s->name, "float") == 0 && s->longs) ||
	     s->longs > 1))
		spec_lookup_fail(P, s);
	switch (s->kind) {
	case SK_NONE:
		if (!any_attr) {
			ds->base = D_BT_NONE;
			ds->text = "int";
			return;
		}
		__attribute__((fallthrough));
	case SK_INTEGER:
		if (s->kind == SK_INTEGER && strcmp(s->name, "void") == 0) {
			ds->base = D_BT_VOID;
			ds->text = "void";
			return;
		}
		if (s->kind == SK_INTEGER && strcmp(s->name, "char") == 0) {
			ds->base = s->unsign ? D_BT_UCHAR :
				   s->sign   ? D_BT_SCHAR :
					       D_BT_CHAR;
			ds->text = s->unsign ? "unsigned char" :
				   s->sign   ? "signed char" :
					       "char";
			return;
		}
		if (s->shorts) {
			ds->base = s->unsign ? D_BT_USHORT : D_BT_SHORT;
			ds->text = d_asprintf(pcb, "%sshort", u);
		} else if (s->longs == 2) {
			ds->base = s->unsign ? D_BT_ULLONG : D_BT_LLONG;
			ds->text = d_asprintf(pcb, "%slong long", u);
		} else if (s->longs == 1) {
			ds->base = s->unsign ? D_BT_ULONG : D_BT_LONG;
			ds->text = d_asprintf(pcb, "%slong", u);
		} else {
			ds->base = s->unsign ? D_BT_UINT : D_BT_INT;
			ds->text = s->unsign ? "unsigned int" : "int";
		}
		return;
	case SK_FLOAT:
		if (strcmp(s->name, "float") == 0) {
			ds->base = D_BT_FLOAT;
			ds->text = "float";
		} else {
			ds->base = s->longs ? D_BT_LDOUBLE : D_BT_DOUBLE;
			ds->text = s->longs ? "long double" : "double";
		}
		return;
	case SK_TYPEDEF:
		/* dtrace ignores "short" here: it only spells the name of
		 * integer and floating-point types */
		if (strcmp(s->name, "string") == 0) {
			ds->base = D_BT_STRING;
			ds->text = "string";
		} else {
			ds->base = D_BT_TYPEDEF;
			ds->name = s->name;
			ds->text = s->name;
		}
		return;
	case SK_SOU:
	case SK_ENUM:
		ds->name = s->name;
		ds->text =
			d_asprintf(pcb, "%s%s%s",
				   ds->base == D_BT_STRUCT ? "struct" :
				   ds->base == D_BT_UNION  ? "union" :
							     "enum",
				   s->name ? " " : "", s->name ? s->name : "");
		return;
	}
}

/* struct/union member list: { (specs declarator [: bits], ...;)+ } */
static struct d_node *
parse_sou_members(struct parser *P)
{
	struct nlist l = { NULL, NULL };

	enter(P); /* struct definitions nest */
	expect(P, T_LBRACE);
	do {
		struct d_declspec *ms;

		if (!at_type_start(P))
			syntax_error(P);
		ms = parse_declspec(P, 0);
		for (;;) {
			struct d_node *m = node(P, D_N_MEMBER, peek(P)->line);

			m->u.member.spec = ms;
			if (peek(P)->t != T_COLON)
				parse_declarator(P, DTOR_NAMED,
						 &m->u.member.dtor);
			else
				m->u.member.dtor.line = peek(P)->line;
			if (peek(P)->t == T_COLON) {
				advance(P);
				m->u.member.bitwidth = parse_cond(P, NULL);
			}
			nl_add(&l, m);
			if (peek(P)->t != T_COMMA)
				break;
			advance(P);
		}
		expect(P, T_SEMI);
	} while (peek(P)->t != T_RBRACE);
	advance(P);
	leave(P);
	return l.head;
}

/* enum body: { NAME [= expr] (, NAME [= expr])* } */
static struct d_node *
parse_enum_members(struct parser *P)
{
	struct nlist l = { NULL, NULL };

	expect(P, T_LBRACE);
	for (;;) {
		struct d_token *t = peek(P);
		struct d_node *e;

		if (t->t != T_IDENT)
			syntax_error(P);
		e = node(P, D_N_ENUMERATOR, t->line);
		e->u.enumerator.name = t->str;
		advance(P);
		if (peek(P)->t == T_ASGN) {
			advance(P);
			e->u.enumerator.value = parse_assign(P);
		}
		nl_add(&l, e);
		if (peek(P)->t == T_RBRACE)
			break;
		expect(P, T_COMMA);
	}
	advance(P);
	return l.head;
}

/*
 * Declaration specifiers. storage: 0 = specifier_qualifier_list (no
 * storage class), 1 = parameter specifiers (C storage classes), 2 = D
 * declaration specifiers (also self and this).
 */
static struct d_declspec *
parse_declspec(struct parser *P, int storage)
{
	struct d_declspec *ds = d_alloc(P->pcb, sizeof(*ds));
	struct spec_state s;
	int any = 0;

	memset(&s, 0, sizeof(s));
	s.line = ds->line = peek(P)->line;
	for (;;) {
		struct d_token *t = peek(P);
		enum d_storage sc = D_SC_NONE;
		int line = t->line;

		switch (t->t) {
		case T_KW_AUTO:
			sc = D_SC_AUTO;
			break;
		case T_KW_REGISTER:
			sc = D_SC_REGISTER;
			break;
		case T_KW_STATIC:
			sc = D_SC_STATIC;
			break;
		case T_KW_EXTERN:
			sc = D_SC_EXTERN;
			break;
		case T_KW_TYPEDEF:
			sc = D_SC_TYPEDEF;
			break;
		case T_KW_SELF:
			if (storage == 2)
				sc = D_SC_SELF;
			break;
		case T_KW_THIS:
			if (storage == 2)
				sc = D_SC_THIS;
			break;
		default:
			break;
		}
		if (sc != D_SC_NONE) {
			if (storage == 0)
				break;
			if (ds->storage != D_SC_NONE)
				d_error(P->pcb, line, D_DECL_CLASS,
					"only one storage class allowed in a "
					"declaration");
			ds->storage = sc;
			advance(P);
			any = 1;
			continue;
		}
		switch (t->t) {
		case T_KW_CONST:
			ds->quals |= D_TQ_CONST;
			break;
		case T_KW_VOLATILE:
			ds->quals |= D_TQ_VOLATILE;
			break;
		case T_KW_RESTRICT:
			ds->quals |= D_TQ_RESTRICT;
			break;
		case T_KW_VOID:
			spec_set(P, &s, SK_INTEGER, "void", line);
			break;
		case T_KW_CHAR:
			spec_set(P, &s, SK_INTEGER, "char", line);
			break;
		case T_KW_INT:
			spec_set(P, &s, SK_INTEGER, "int", line);
			break;
		case T_KW_FLOAT:
			spec_set(P, &s, SK_FLOAT, "float", line);
			break;
		case T_KW_DOUBLE:
			spec_set(P, &s, SK_FLOAT, "double", line);
			break;
		case T_KW_STRING:
			spec_set(P, &s, SK_TYPEDEF, "string", line);
			break;
		case T_KW_SHORT:
		case T_KW_LONG:
		case T_KW_SIGNED:
		case T_KW_UNSIGNED:
			spec_attr(P, &s, t->t, line);
			break;
		case T_KW_STRUCT:
		case T_KW_UNION:
		case T_KW_ENUM: {
			enum d_tok kw = t->t;
			const char *tag = NULL;

			advance(P);
			t = peek(P);
			if (t->t == T_IDENT) {
				tag = t->str;
				advance(P);
			}
			spec_set(P, &s, kw == T_KW_ENUM ? SK_ENUM : SK_SOU, tag,
				 line);
			ds->base = kw == T_KW_STRUCT ? D_BT_STRUCT :
				   kw == T_KW_UNION  ? D_BT_UNION :
						       D_BT_ENUM;
			if (peek(P)->t == T_LBRACE) {
				ds->has_body = 1;
				ds->members = kw == T_KW_ENUM ?
						      parse_enum_members(P) :
						      parse_sou_members(P);
			} else if (tag == NULL) {
				syntax_error(P);
			}
			any = 1;
			continue;
		}
		case T_IDENT:
			/* a typedef name, unless a type was already given
			 * (then it is the declarator's name) */
			if (s.kind == SK_NONE && !s.shorts && !s.longs &&
			    !s.sign && !s.unsign &&
			    (P->type_ctx || d_pcb_is_typedef(P->pcb, t->str))) {
				spec_set(P, &s, SK_TYPEDEF, t->str, line);
				break;
			}
			goto done;
		default:
			goto done;
		}
		advance(P);
		any = 1;
	}
done:
	if (!any)
		syntax_error(P);
	spec_finish(P, &s, ds);
	return ds;
}

/* parameter_type_list: "..." | param (, param)* [, ...] */
static struct d_node *
parse_params(struct parser *P, int *varargs)
{
	struct nlist l = { NULL, NULL };

	*varargs = 0;
	for (;;) {
		struct d_node *pn;

		if (peek(P)->t == T_ELLIPSIS) {
			advance(P);
			*varargs = 1;
			return l.head;
		}
		if (!at_param_start(P))
			syntax_error(P);
		pn = node(P, D_N_PARAM, P->tok.line);
		pn->u.param.spec = parse_declspec(P, 1);
		parse_declarator(P, DTOR_EITHER, &pn->u.param.dtor);
		nl_add(&l, pn);
		if (peek(P)->t != T_COMMA)
			return l.head;
		advance(P);
	}
}

/* Assoc-array key list "[string, int]": the same, as type names. */
static struct d_node *
params_to_typenames(struct parser *P, struct d_node *params)
{
	struct nlist l = { NULL, NULL };
	struct d_node *p;

	for (p = params; p != NULL; p = p->next) {
		struct d_node *tn = node(P, D_N_TYPENAME, p->line);

		tn->u.tname.spec = p->u.param.spec;
		tn->u.tname.dtor = p->u.param.dtor;
		nl_add(&l, tn);
	}
	return l.head;
}

static struct d_deriv *
deriv_new(struct parser *P, enum d_deriv_kind kind)
{
	struct d_deriv *d = d_alloc(P->pcb, sizeof(*d));

	d->kind = kind;
	return d;
}

/* One suffix "[...]" or "(...)"; the opening token is already consumed. */
static struct d_deriv *
parse_suffix(struct parser *P, enum d_tok open)
{
	struct d_deriv *d;

	if (open == T_LBRAC) {
		d = deriv_new(P, D_DV_ARRAY);
		if (peek(P)->t != T_RBRAC) {
			if (at_param_start(P)) {
				int va;
				struct d_node *ps = parse_params(P, &va);

				if (va)
					d_error(P->pcb, P->tok.line,
						D_DECL_PROTO_VARARGS,
						"array prototype may not use "
						"a variable-length argument "
						"list");
				d->assoc = params_to_typenames(P, ps);
			} else {
				d->dim = parse_cond(P, NULL);
			}
		}
		expect(P, T_RBRAC);
		return d;
	}
	d = deriv_new(P, D_DV_FUNC);
	if (peek(P)->t != T_RPAR)
		d->params = parse_params(P, &d->varargs);
	expect(P, T_RPAR);
	return d;
}

static void
parse_declarator(struct parser *P, int kind, struct d_declarator *out)
{
	struct d_deriv *ptrs = NULL, **ptail = &ptrs;
	struct d_deriv *sufs = NULL; /* most recent first */
	struct d_declarator inner;
	struct d_deriv *d, *next, *res;

	enter(P);
	memset(&inner, 0, sizeof(inner));
	memset(out, 0, sizeof(*out));
	out->line = peek(P)->line;

	while (peek(P)->t == T_MUL) {
		d = deriv_new(P, D_DV_POINTER);
		advance(P);
		for (;;) {
			enum d_tok t = peek(P)->t;

			if (t == T_KW_CONST)
				d->quals |= D_TQ_CONST;
			else if (t == T_KW_VOLATILE)
				d->quals |= D_TQ_VOLATILE;
			else if (t == T_KW_RESTRICT)
				d->quals |= D_TQ_RESTRICT;
			else
				break;
			advance(P);
		}
		*ptail = d;
		ptail = &d->next;
	}

	if (peek(P)->t == T_IDENT && kind != DTOR_ABSTRACT) {
		out->name = P->tok.str;
		out->line = P->tok.line;
		advance(P);
	} else if (P->tok.t == T_LPAR) {
		advance(P);
		if (kind != DTOR_NAMED &&
		    (at_param_start(P) || P->tok.t == T_RPAR)) {
			/* "(params)": a function suffix, no inner part */
			d = parse_suffix(P, T_LPAR);
			d->next = sufs;
			sufs = d;
		} else {
			parse_declarator(P, kind, &inner);
			expect(P, T_RPAR);
			out->name = inner.name;
		}
	} else if (kind == DTOR_NAMED) {
		syntax_error(P);
	}

	for (;;) {
		enum d_tok t = peek(P)->t;

		if (t != T_LBRAC && t != T_LPAR)
			break;
		advance(P);
		d = parse_suffix(P, t);
		d->next = sufs;
		sufs = d;
	}

	/*
	 * Application order: the pointers (left to right), then the suffixes
	 * from the innermost (rightmost) out, then the parenthesised inner
	 * declarator's own steps.
	 */
	for (d = sufs; d != NULL; d = next) {
		next = d->next;
		d->next = NULL;
		*ptail = d;
		ptail = &d->next;
	}
	*ptail = inner.deriv;
	res = ptrs;
	out->deriv = res;
	leave(P);
}

static struct d_node *
parse_typename(struct parser *P)
{
	struct d_node *tn = node(P, D_N_TYPENAME, peek(P)->line);

	if (!at_type_start(P))
		syntax_error(P);
	tn->u.tname.spec = parse_declspec(P, 0);
	parse_declarator(P, DTOR_ABSTRACT, &tn->u.tname.dtor);
	return tn;
}

/* ---------------------------------------------------------------------
 * Expressions
 * --------------------------------------------------------------------- */

static int
binop(enum d_tok t, enum d_op *op)
{
	switch (t) {
	case T_LOR:
		*op = D_OP_LOR;
		return 1;
	case T_LXOR:
		*op = D_OP_LXOR;
		return 2;
	case T_LAND:
		*op = D_OP_LAND;
		return 3;
	case T_BOR:
		*op = D_OP_BOR;
		return 4;
	case T_XOR:
		*op = D_OP_XOR;
		return 5;
	case T_BAND:
		*op = D_OP_BAND;
		return 6;
	case T_EQ:
		*op = D_OP_EQ;
		return 7;
	case T_NE:
		*op = D_OP_NE;
		return 7;
	case T_LT:
		*op = D_OP_LT;
		return 8;
	case T_LE:
		*op = D_OP_LE;
		return 8;
	case T_GT:
		*op = D_OP_GT;
		return 8;
	case T_GE:
		*op = D_OP_GE;
		return 8;
	case T_LSH:
		*op = D_OP_LSH;
		return 9;
	case T_RSH:
		*op = D_OP_RSH;
		return 9;
	case T_ADD:
		*op = D_OP_ADD;
		return 10;
	case T_SUB:
		*op = D_OP_SUB;
		return 10;
	case T_MUL:
		*op = D_OP_MUL;
		return 11;
	case T_DIV:
		*op = D_OP_DIV;
		return 11;
	case T_MOD:
		*op = D_OP_MOD;
		return 11;
	default:
		return 0;
	}
}

static int
assignop(enum d_tok t, enum d_op *op)
{
	switch (t) {
	case T_ASGN:
		*op = D_OP_ASGN;
		return 1;
	case T_ADD_EQ:
		*op = D_OP_ADD_EQ;
		return 1;
	case T_SUB_EQ:
		*op = D_OP_SUB_EQ;
		return 1;
	case T_MUL_EQ:
		*op = D_OP_MUL_EQ;
		return 1;
	case T_DIV_EQ:
		*op = D_OP_DIV_EQ;
		return 1;
	case T_MOD_EQ:
		*op = D_OP_MOD_EQ;
		return 1;
	case T_AND_EQ:
		*op = D_OP_AND_EQ;
		return 1;
	case T_XOR_EQ:
		*op = D_OP_XOR_EQ;
		return 1;
	case T_OR_EQ:
		*op = D_OP_OR_EQ;
		return 1;
	case T_LSH_EQ:
		*op = D_OP_LSH_EQ;
		return 1;
	case T_RSH_EQ:
		*op = D_OP_RSH_EQ;
		return 1;
	default:
		return 0;
	}
}

static struct d_node *
unary_node(struct parser *P, enum d_op op, struct d_node *e, int line)
{
	struct d_node *n = node(P, D_N_UNARY, line);

	n->u.unary.op = op;
	n->u.unary.e = e;
	return n;
}

/* argument_expression_list up to `close` (consumed) */
static struct d_node *
parse_args(struct parser *P, enum d_tok close, int *count)
{
	struct nlist l = { NULL, NULL };
	int n = 0;

	if (close == T_RPAR && peek(P)->t == T_RPAR) {
		advance(P);
		*count = 0;
		return NULL;
	}
	for (;;) {
		nl_add(&l, parse_assign(P));
		n++;
		if (peek(P)->t != T_COMMA)
			break;
		advance(P);
	}
	expect(P, close);
	*count = n;
	return l.head;
}

static int
is_keyword_ident(const struct d_node *n, const char *kw)
{
	return n->kind == D_N_IDENT && n->u.ident.scope == D_ID_PLAIN &&
	       strcmp(n->u.ident.name, kw) == 0;
}

static struct d_node *
parse_postfix_tail(struct parser *P, struct d_node *e)
{
	for (;;) {
		struct d_token *t = peek(P);
		struct d_node *n;
		int line = t->line;

		switch (t->t) {
		case T_LBRAC:
			advance(P);
			n = node(P, D_N_INDEX, line);
			n->u.index.base = e;
			n->u.index.args =
				parse_args(P, T_RBRAC, &n->u.index.nargs);
			e = n;
			break;
		case T_LPAR:
			advance(P);
			n = node(P, D_N_CALL, line);
			n->u.call.fn = e;
			if (e->kind == D_N_IDENT &&
			    e->u.ident.scope == D_ID_PLAIN)
				n->u.call.name = e->u.ident.name;
			n->u.call.args =
				parse_args(P, T_RPAR, &n->u.call.nargs);
			n->line = e->line;
			e = n;
			break;
		case T_DOT:
		case T_ARROW: {
			int arrow = t->t == T_ARROW;

			advance(P);
			t = peek_mode(P, D_LM_IDENT);
			if (t->t != T_IDENT)
				syntax_error(P);
			if (arrow && (is_keyword_ident(e, "self") ||
				      is_keyword_ident(e, "this"))) {
				n = node(P, D_N_IDENT, e->line);
				n->u.ident.name = t->str;
				n->u.ident.scope = e->u.ident.name[0] == 's' ?
							   D_ID_SELF :
							   D_ID_THIS;
				n->u.ident.backquote =
					strchr(t->str, '`') != NULL;
			} else {
				n = node(P, D_N_MEMBEROF, line);
				n->u.memberof.base = e;
				n->u.memberof.name = t->str;
				n->u.memberof.arrow = arrow;
			}
			advance(P);
			e = n;
			break;
		}
		case T_INC:
			advance(P);
			e = unary_node(P, D_OP_POSTINC, e, line);
			break;
		case T_DEC:
			advance(P);
			e = unary_node(P, D_OP_POSTDEC, e, line);
			break;
		default:
			return e;
		}
	}
}

static struct d_node *
parse_primary(struct parser *P)
{
	struct d_token *t = peek(P);
	struct d_node *n;
	int line = t->line;

	switch (t->t) {
	case T_IDENT:
		/* a typedef name (dtrace's TNAME) cannot start an operand */
		if (ident_is_type(P))
			syntax_error(P);
		n = node(P, D_N_IDENT, line);
		n->u.ident.name = t->str;
		n->u.ident.backquote = strchr(t->str, '`') != NULL;
		advance(P);
		return n;
	case T_KW_SELF:
	case T_KW_THIS:
		n = node(P, D_N_IDENT, line);
		n->u.ident.name = t->t == T_KW_SELF ? "self" : "this";
		advance(P);
		return n;
	case T_AGG:
		n = node(P, D_N_AGG, line);
		n->u.agg.name = t->str;
		advance(P);
		return n;
	case T_INT:
		n = node(P, D_N_INT, line);
		n->u.i.value = t->ival;
		n->u.i.flags = t->iflags;
		n->u.i.base = t->ibase;
		n->u.i.text = d_strndup(P->pcb, t->pos, t->len);
		advance(P);
		return n;
	case T_CHAR:
		n = node(P, D_N_CHAR, line);
		n->u.c.value = (int64_t)t->ival;
		n->u.c.nchars = t->nchars;
		advance(P);
		return n;
	case T_STRING:
		n = node(P, D_N_STRING, line);
		n->u.str.s = t->str;
		n->u.str.len = t->slen;
		advance(P);
		return n;
	case T_LPAR:
		advance(P);
		n = parse_expr(P);
		expect(P, T_RPAR);
		return n;
	case T_KW_OFFSETOF:
		advance(P);
		expect(P, T_LPAR);
		n = node(P, D_N_OFFSETOF, line);
		n->u.offs.tname = parse_typename(P);
		expect(P, T_COMMA);
		t = peek(P);
		if (t->t != T_IDENT)
			syntax_error(P);
		n->u.offs.member = t->str;
		advance(P);
		expect(P, T_RPAR);
		return n;
	case T_KW_XLATE:
		advance(P);
		expect(P, T_LT);
		n = node(P, D_N_XLATE, line);
		n->u.cast.tname = parse_typename(P);
		expect(P, T_GT);
		expect(P, T_LPAR);
		n->u.cast.e = parse_expr(P);
		expect(P, T_RPAR);
		return n;
	default:
		syntax_error(P);
	}
}

static struct d_node *parse_cast(struct parser *P, int *is_unary);

static struct d_node *
parse_unary(struct parser *P)
{
	struct d_token *t = peek(P);
	struct d_node *e = NULL;
	int line = t->line, dummy;
	enum d_op op = D_OP_NONE;

	if (t->t != T_INC && t->t != T_DEC && t->t != T_KW_SIZEOF &&
	    t->t != T_KW_STRINGOF &&
	    !(t->t == T_BAND || t->t == T_MUL || t->t == T_ADD ||
	      t->t == T_SUB || t->t == T_BNEG || t->t == T_LNEG))
		return parse_postfix_tail(P, parse_primary(P));
	enter(P); /* only operators nest here */
	switch (t->t) {
	case T_INC:
	case T_DEC:
		op = t->t == T_INC ? D_OP_PREINC : D_OP_PREDEC;
		advance(P);
		e = unary_node(P, op, parse_unary(P), line);
		break;
	case T_BAND:
		op = D_OP_ADDROF;
		break;
	case T_MUL:
		op = D_OP_DEREF;
		break;
	case T_ADD:
		op = D_OP_PLUS;
		break;
	case T_SUB:
		op = D_OP_NEG;
		break;
	case T_BNEG:
		op = D_OP_BNEG;
		break;
	case T_LNEG:
		op = D_OP_LNEG;
		break;
	case T_KW_SIZEOF:
		advance(P);
		if (peek(P)->t == T_LPAR) {
			advance(P);
			if (at_type_start(P)) {
				e = node(P, D_N_SIZEOF_TYPE, line);
				e->u.cast.tname = parse_typename(P);
				expect(P, T_RPAR);
				break;
			}
			e = parse_expr(P);
			expect(P, T_RPAR);
			e = unary_node(P, D_OP_SIZEOF, parse_postfix_tail(P, e),
				       line);
			break;
		}
		e = unary_node(P, D_OP_SIZEOF, parse_unary(P), line);
		break;
	case T_KW_STRINGOF:
		advance(P);
		e = unary_node(P, D_OP_STRINGOF, parse_unary(P), line);
		break;
	default:
		e = parse_postfix_tail(P, parse_primary(P));
		break;
	}
	if (e == NULL) {
		/* unary_operator cast_expression */
		advance(P);
		e = unary_node(P, op, parse_cast(P, &dummy), line);
	}
	leave(P);
	return e;
}

static struct d_node *
parse_cast(struct parser *P, int *is_unary)
{
	struct d_token *t = peek(P);
	struct d_node *n, *e;
	int line = t->line, dummy;

	*is_unary = 1;
	if (t->t != T_LPAR)
		return parse_unary(P);
	advance(P);
	if (at_type_start(P)) {
		enter(P); /* casts nest without parse_assign */
		n = node(P, D_N_CAST, line);
		n->u.cast.tname = parse_typename(P);
		expect(P, T_RPAR);
		n->u.cast.e = parse_cast(P, &dummy);
		*is_unary = 0;
		leave(P);
		return n;
	}
	e = parse_expr(P);
	expect(P, T_RPAR);
	return parse_postfix_tail(P, e);
}

static struct d_node *
parse_binary(struct parser *P, int minprec, int *is_unary)
{
	struct d_node *l = parse_cast(P, is_unary);

	for (;;) {
		enum d_op op;
		int prec = binop(peek(P)->t, &op);
		int line = P->tok.line, dummy;
		struct d_node *n;

		if (prec == 0 || prec < minprec)
			return l;
		advance(P);
		n = node(P, D_N_BINARY, line);
		n->u.binary.op = op;
		n->u.binary.l = l;
		n->u.binary.r = parse_binary(P, prec + 1, &dummy);
		n->line = l->line;
		l = n;
		*is_unary = 0;
	}
}

static struct d_node *
parse_cond(struct parser *P, int *is_unary)
{
	int u, dummy;
	struct d_node *c = parse_binary(P, 1, &u), *n;

	if (peek(P)->t == T_QUESTION) {
		enter(P);
		advance(P);
		n = node(P, D_N_COND, c->line);
		n->u.cond.c = c;
		n->u.cond.t = parse_expr(P);
		expect(P, T_COLON);
		n->u.cond.f = parse_cond(P, &dummy);
		leave(P);
		c = n;
		u = 0;
	}
	if (is_unary != NULL)
		*is_unary = u;
	return c;
}

static struct d_node *
parse_assign(struct parser *P)
{
	int u;
	struct d_node *l, *n;
	enum d_op op;

	enter(P);
	l = parse_cond(P, &u);
	if (assignop(peek(P)->t, &op)) {
		if (!u)
			syntax_error(P);
		advance(P);
		n = node(P, D_N_ASSIGN, l->line);
		n->u.binary.op = op;
		n->u.binary.l = l;
		n->u.binary.r = parse_assign(P);
		l = n;
	}
	leave(P);
	return l;
}

static struct d_node *
parse_expr(struct parser *P)
{
	struct d_node *e = parse_assign(P);

	while (peek(P)->t == T_COMMA) {
		struct d_node *n = node(P, D_N_BINARY, e->line);

		advance(P);
		n->u.binary.op = D_OP_COMMA;
		n->u.binary.l = e;
		n->u.binary.r = parse_assign(P);
		e = n;
	}
	return e;
}

/* ---------------------------------------------------------------------
 * Statements
 * --------------------------------------------------------------------- */

static struct d_node *parse_if(struct parser *P);

/* "{" statement_list "}" as a D_N_BLOCK (the "{" is the look-ahead) */
static struct d_node *
parse_block(struct parser *P)
{
	struct d_node *b = node(P, D_N_BLOCK, peek(P)->line);

	enter(P);
	expect(P, T_LBRACE);
	b->u.block.stmts = parse_stmt_list(P);
	expect(P, T_RBRACE);
	leave(P);
	return b;
}

/* statement_or_block after if / else */
static struct d_node *
parse_stmt_or_block(struct parser *P)
{
	struct d_token *t = peek(P);
	struct d_node *s;

	switch (t->t) {
	case T_LBRACE:
		return parse_block(P);
	case T_SEMI:
		s = node(P, D_N_EMPTY, t->line);
		advance(P);
		return s;
	case T_KW_IF:
		return parse_if(P);
	default:
		s = node(P, D_N_EXPRSTMT, t->line);
		s->u.stmt.expr = parse_expr(P);
		expect(P, T_SEMI);
		return s;
	}
}

static struct d_node *
parse_if(struct parser *P)
{
	struct d_node *s = node(P, D_N_IF, peek(P)->line);

	enter(P);
	expect(P, T_KW_IF);
	expect(P, T_LPAR);
	s->u.ifs.cond = parse_expr(P);
	expect(P, T_RPAR);
	s->u.ifs.then_stmt = parse_stmt_or_block(P);
	if (peek(P)->t == T_KW_ELSE) {
		advance(P);
		s->u.ifs.else_stmt = parse_stmt_or_block(P);
	}
	leave(P);
	return s;
}

/*
 * statement_list up to (not including) "}": statements end with ";"
 * except the last one; empty statements are dropped.
 */
static struct d_node *
parse_stmt_list(struct parser *P)
{
	struct nlist l = { NULL, NULL };

	for (;;) {
		struct d_token *t = peek(P);
		struct d_node *s;

		switch (t->t) {
		case T_RBRACE:
			return l.head;
		case T_SEMI:
			advance(P);
			continue;
		case T_KW_IF:
			nl_add(&l, parse_if(P));
			continue;
		case T_LBRACE:
			nl_add(&l, parse_block(P));
			continue;
		default:
			s = node(P, D_N_EXPRSTMT, t->line);
			s->u.stmt.expr = parse_expr(P);
			nl_add(&l, s);
			t = peek(P);
			if (t->t == T_SEMI) {
				advance(P);
				continue;
			}
			if (t->t == T_RBRACE)
				return l.head;
			syntax_error(P);
		}
	}
}

/* ---------------------------------------------------------------------
 * Top level
 * --------------------------------------------------------------------- */

static struct d_node *
parse_pdesc(struct parser *P)
{
	struct d_token *t = peek_mode(P, D_LM_OUTER);
	struct d_node *pd = node(P, D_N_PDESC, t->line);

	if (t->t == T_INT) {
		static const char *const names[] = { "providers", "modules",
						     "functions" };

		if (t->ival > UINT_MAX)
			d_error(P->pcb, t->line, D_PDESC_INVAL,
				"identifier %llu exceeds maximum probe id",
				(unsigned long long)t->ival);
		if (P->pcb->pspec >= D_PSPEC_PROVIDER &&
		    P->pcb->pspec < D_PSPEC_NAME)
			d_error(P->pcb, t->line, D_PDESC_INVAL,
				"probe identifier %llu not permitted when "
				"specifying %s",
				(unsigned long long)t->ival,
				names[P->pcb->pspec]);
		pd->u.pdesc.by_id = 1;
		pd->u.pdesc.id = t->ival;
		pd->u.pdesc.text = d_strndup(P->pcb, t->pos, t->len);
		pd->u.pdesc.expanded = pd->u.pdesc.text;
		pd->u.pdesc.pd.provider = pd->u.pdesc.pd.module = "";
		pd->u.pdesc.pd.function = pd->u.pdesc.pd.name = "";
	} else if (t->t == T_PSPEC) {
		pd->u.pdesc.text = t->str;
		if (d_pdesc_split(P->pcb, t->str, (enum d_pspec)P->pcb->pspec,
				  &pd->u.pdesc.pd, t->line) != 0)
			longjmp(P->pcb->jmp, 1);
		pd->u.pdesc.expanded = d_pdesc_expand(P->pcb, t->str, t->line);
		if (pd->u.pdesc.expanded == NULL)
			longjmp(P->pcb->jmp, 1);
	} else {
		syntax_error(P);
	}
	advance(P);
	return pd;
}

static struct d_node *
parse_clause(struct parser *P)
{
	struct d_node *c = node(P, D_N_CLAUSE, peek_mode(P, D_LM_OUTER)->line);
	struct d_token *t;
	struct nlist l = { NULL, NULL };

	for (;;) {
		nl_add(&l, parse_pdesc(P));
		if (peek_mode(P, D_LM_OUTER)->t != T_COMMA)
			break;
		advance(P);
	}
	c->u.clause.pdescs = l.head;
	t = peek_mode(P, D_LM_OUTER);
	if (t->t == T_DIV) {
		advance(P);
		c->u.clause.pred = parse_expr(P);
		t = peek(P);
		if (t->t != T_EPRED)
			syntax_error(P);
		advance(P);
		t = peek(P);
		if (t->t != T_LBRACE)
			d_error(P->pcb, c->u.clause.pred->line, D_SYNTAX,
				"expected actions { } following probe "
				"description and predicate");
	} else if (t->t != T_LBRACE) {
		if (P->pcb->srckind == D_SRC_SCRIPT)
			d_error(P->pcb, c->u.clause.pdescs->line, D_SYNTAX,
				"expected predicate and/or actions following "
				"probe description");
		return c;
	}
	advance(P); /* { */
	c->u.clause.has_body = 1;
	c->u.clause.stmts = parse_stmt_list(P);
	expect(P, T_RBRACE);
	return c;
}

static struct d_node *
parse_decl(struct parser *P)
{
	struct d_node *d = node(P, D_N_DECL, peek(P)->line);
	struct d_declspec *ds = parse_declspec(P, 2);
	struct nlist l = { NULL, NULL };

	d->u.decl.spec = ds;
	if (peek(P)->t != T_SEMI) {
		for (;;) {
			struct d_node *dn =
				node(P, D_N_DECLARATOR, peek(P)->line);

			parse_declarator(P, DTOR_NAMED, &dn->u.dtor);
			nl_add(&l, dn);
			d->u.decl.dtors = l.head;
			if (ds->storage == D_SC_TYPEDEF && dn->u.dtor.name)
				d_pcb_add_typedef(P->pcb, dn->u.dtor.name);
			if (peek(P)->t != T_COMMA)
				break;
			advance(P);
		}
	}
	expect(P, T_SEMI);
	return d;
}

static struct d_node *
parse_inline(struct parser *P)
{
	struct d_node *n = node(P, D_N_INLINE, peek(P)->line);

	expect(P, T_KW_INLINE);
	n->u.inl.spec = parse_declspec(P, 2);
	parse_declarator(P, DTOR_NAMED, &n->u.inl.dtor);
	expect(P, T_ASGN);
	n->u.inl.expr = parse_assign(P);
	expect(P, T_SEMI);
	return n;
}

static struct d_node *
parse_xlator(struct parser *P)
{
	struct d_node *n = node(P, D_N_XLATOR, peek(P)->line), *in;
	struct d_token *t;
	struct nlist l = { NULL, NULL };

	expect(P, T_KW_TRANSLATOR);
	n->u.xlator.out = parse_typename(P);
	expect(P, T_LT);
	P->xlator_input = 1;
	in = node(P, D_N_PARAM, peek(P)->line);
	if (!at_type_start(P))
		syntax_error(P);
	in->u.param.spec = parse_declspec(P, 0);
	parse_declarator(P, DTOR_ABSTRACT, &in->u.param.dtor);
	t = peek(P);
	if (t->t != T_IDENT)
		syntax_error(P);
	in->u.param.dtor.name = t->str;
	advance(P);
	expect(P, T_GT);
	P->xlator_input = 0;
	n->u.xlator.in = in;
	expect(P, T_LBRACE);
	while (peek(P)->t != T_RBRACE) {
		struct d_node *m;

		t = peek(P);
		if (t->t != T_IDENT)
			syntax_error(P);
		m = node(P, D_N_XLMEMBER, t->line);
		m->u.xlmember.name = t->str;
		advance(P);
		expect(P, T_ASGN);
		m->u.xlmember.expr = parse_assign(P);
		expect(P, T_SEMI);
		nl_add(&l, m);
	}
	n->u.xlator.members = l.head;
	advance(P);
	expect(P, T_SEMI);
	return n;
}

static struct d_node *
parse_provider(struct parser *P)
{
	struct d_node *n = node(P, D_N_PROVIDER, peek(P)->line);
	struct d_token *t;
	struct nlist probes = { NULL, NULL };

	expect(P, T_KW_PROVIDER);
	t = peek(P);
	if (t->t != T_IDENT)
		syntax_error(P);
	n->u.provider.name = t->str;
	advance(P);
	expect(P, T_LBRACE);
	while (peek(P)->t != T_RBRACE) {
		struct d_node *pr = node(P, D_N_PROBEDECL, P->tok.line);
		int va;

		expect(P, T_KW_PROBE);
		t = peek(P);
		if (t->t != T_IDENT)
			syntax_error(P);
		pr->u.probedecl.name = t->str;
		advance(P);
		expect(P, T_LPAR);
		if (peek(P)->t != T_RPAR) {
			pr->u.probedecl.params = parse_params(P, &va);
			if (va)
				d_error(P->pcb, P->tok.line,
					D_DECL_PROTO_VARARGS,
					"probe input prototype may not use a "
					"variable-length argument list");
		}
		expect(P, T_RPAR);
		if (peek(P)->t == T_COLON) {
			advance(P);
			pr->u.probedecl.has_xparams = 1;
			expect(P, T_LPAR);
			if (peek(P)->t != T_RPAR) {
				pr->u.probedecl.xparams = parse_params(P, &va);
				if (va)
					d_error(P->pcb, P->tok.line,
						D_DECL_PROTO_VARARGS,
						"probe output prototype may "
						"not use a variable-length "
						"argument list");
			}
			expect(P, T_RPAR);
		}
		expect(P, T_SEMI);
		nl_add(&probes, pr);
		n->u.provider.probes = probes.head;
	}
	advance(P);
	expect(P, T_SEMI);
	return n;
}

static void
parse_program(struct parser *P)
{
	struct d_pcb *pcb = P->pcb;
	struct nlist l = { NULL, NULL };

	for (;;) {
		struct d_token *t = peek_mode(P, D_LM_OUTER);
		struct d_node *item;

		switch (t->t) {
		case T_EOF:
			return;
		case T_PSPEC:
		case T_INT:
			item = parse_clause(P);
			break;
		case T_KW_INLINE:
			item = parse_inline(P);
			break;
		case T_KW_TRANSLATOR:
			item = parse_xlator(P);
			break;
		case T_KW_PROVIDER:
			item = parse_provider(P);
			break;
		case T_TNAME:
		case T_KW_AUTO:
		case T_KW_CHAR:
		case T_KW_CONST:
		case T_KW_DOUBLE:
		case T_KW_ENUM:
		case T_KW_EXTERN:
		case T_KW_FLOAT:
		case T_KW_INT:
		case T_KW_LONG:
		case T_KW_REGISTER:
		case T_KW_RESTRICT:
		case T_KW_SELF:
		case T_KW_SHORT:
		case T_KW_SIGNED:
		case T_KW_STATIC:
		case T_KW_STRING:
		case T_KW_STRUCT:
		case T_KW_THIS:
		case T_KW_TYPEDEF:
		case T_KW_UNION:
		case T_KW_UNSIGNED:
		case T_KW_VOID:
		case T_KW_VOLATILE:
			item = parse_decl(P);
			break;
		default:
			syntax_error(P);
		}
		nl_add(&l, item);
		pcb->prog = l.head;
	}
}

int
d_parse(struct d_pcb *pcb)
{
	struct parser P;

	memset(&P, 0, sizeof(P));
	P.pcb = pcb;
	pcb->prog = NULL;
	pcb->pragmas = NULL;
	pcb->xpragmas = NULL;
	pcb->err_set = 0;
	pcb->err_tag = D_UNKNOWN;
	pcb->err_line = 0;
	pcb->err_msg[0] = '\0';
	if (pcb->argc > 0 && pcb->argref == NULL)
		pcb->argref = d_alloc(pcb, (size_t)pcb->argc);
	d_lex_init(&P.lx, pcb);
	pcb->lex = &P.lx;
	if (setjmp(pcb->jmp) != 0) {
		pcb->jmp_armed = 0;
		pcb->lex = NULL;
		pcb->prog = NULL;
		return -1;
	}
	pcb->jmp_armed = 1;
	parse_program(&P);
	pcb->jmp_armed = 0;
	pcb->lex = NULL;
	return 0;
}

struct d_node *
d_parse_type(struct d_pcb *pcb, const char *text)
{
	struct parser P;
	jmp_buf saved;
	int saved_armed = pcb->jmp_armed;
	const char *saved_src = pcb->src;
	size_t saved_len = pcb->srclen;
	void *saved_lex = pcb->lex;
	struct d_node *volatile tn = NULL;

	memcpy(saved, pcb->jmp, sizeof(jmp_buf));
	memset(&P, 0, sizeof(P));
	P.pcb = pcb;
	P.type_ctx = 1;
	pcb->src = text;
	pcb->srclen = strlen(text);
	d_lex_init(&P.lx, pcb);
	if (setjmp(pcb->jmp) == 0) {
		pcb->jmp_armed = 1;
		tn = parse_typename(&P);
		if (peek(&P)->t != T_EOF)
			syntax_error(&P);
	} else {
		tn = NULL;
	}
	pcb->src = saved_src;
	pcb->srclen = saved_len;
	pcb->lex = saved_lex;
	pcb->jmp_armed = saved_armed;
	memcpy(pcb->jmp, saved, sizeof(jmp_buf));
	return tn;
}
