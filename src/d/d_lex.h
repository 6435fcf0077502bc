/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The D lexer: a hand-written scanner over the program text held by the
 * compile control block. D is context-sensitive at the token level, so the
 * parser says in which mode it wants the next token (dtrace's lexer states):
 *
 *   D_LM_OUTER  outer scope (dtrace's S2): probe descriptions are single
 *               T_PSPEC tokens (globs, '-', ':', '$' allowed), integers are
 *               probe IDs, only the declaration keywords are keywords;
 *   D_LM_EXPR   clauses, expressions and declarations (S0): C tokens, all
 *               D keywords, "/" decided between T_DIV and T_EPRED by looking
 *               at the next non-blank character (dtrace's rule);
 *   D_LM_IDENT  after "." or "->" (SIDENT): any word is an identifier.
 *
 * Comments, "#!" lines, line continuations and control lines (#pragma,
 * #line, "# N file", #error, #ident) are consumed between tokens; pragmas
 * are appended to pcb->pragmas. Macro arguments ($1, $$1, $pid, $$pid)
 * are substituted here, as dtrace does. Lexical errors call d_error().
 *
 * Private to src/d/ (used by d_parse.c and tests/unit/t_lex.c).
 */
#ifndef UDT_D_LEX_H
#define UDT_D_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "d/d_ast.h"

enum d_tok {
	T_EOF = 0,
	/* tokens with values */
	T_INT,	  /* ival, iflags (D_INT_*), ibase */
	T_CHAR,	  /* ival (packed bytes), nchars */
	T_STRING, /* str (escapes processed), slen */
	T_IDENT,  /* str: identifier (may contain '`') */
	T_AGG,	  /* str: aggregation name without '@' ("_" for "@") */
	T_PSPEC,  /* str: probe description text (D_LM_OUTER) */
	T_TNAME,  /* str: typedef name found in D_LM_OUTER (dtrace's
			 * DT_TOK_TNAME from the probe-description rule) */

	/* punctuators */
	T_LPAR,
	T_RPAR,
	T_LBRAC,
	T_RBRAC,
	T_LBRACE,
	T_RBRACE,
	T_SEMI,
	T_COMMA,
	T_DOT,
	T_ARROW,
	T_ELLIPSIS,
	T_QUESTION,
	T_COLON,
	T_ADD,
	T_SUB,
	T_MUL,
	T_DIV,
	T_MOD,
	T_BAND,
	T_BOR,
	T_XOR,
	T_BNEG,
	T_LNEG,
	T_LT,
	T_GT,
	T_LE,
	T_GE,
	T_EQ,
	T_NE,
	T_LSH,
	T_RSH,
	T_LAND,
	T_LOR,
	T_LXOR,
	T_INC,
	T_DEC,
	T_ASGN,
	T_ADD_EQ,
	T_SUB_EQ,
	T_MUL_EQ,
	T_DIV_EQ,
	T_MOD_EQ,
	T_AND_EQ,
	T_XOR_EQ,
	T_OR_EQ,
	T_LSH_EQ,
	T_RSH_EQ,
	T_EPRED, /* "/" closing a predicate */

	/* keywords (D_LM_EXPR; a subset in D_LM_OUTER) */
	T_KW_AUTO,
	T_KW_BREAK,
	T_KW_CASE,
	T_KW_CHAR,
	T_KW_CONST,
	T_KW_CONTINUE,
	T_KW_COUNTER,
	T_KW_DEFAULT,
	T_KW_DO,
	T_KW_DOUBLE,
	T_KW_ELSE,
	T_KW_ENUM,
	T_KW_EXTERN,
	T_KW_FLOAT,
	T_KW_FOR,
	T_KW_GOTO,
	T_KW_IF,
	T_KW_IMPORT,
	T_KW_INLINE,
	T_KW_INT,
	T_KW_LONG,
	T_KW_OFFSETOF,
	T_KW_PROBE,
	T_KW_PROVIDER,
	T_KW_REGISTER,
	T_KW_RESTRICT,
	T_KW_RETURN,
	T_KW_SELF,
	T_KW_SHORT,
	T_KW_SIGNED,
	T_KW_SIZEOF,
	T_KW_STATIC,
	T_KW_STRING,
	T_KW_STRINGOF,
	T_KW_STRUCT,
	T_KW_SWITCH,
	T_KW_THIS,
	T_KW_TRANSLATOR,
	T_KW_TYPEDEF,
	T_KW_UNION,
	T_KW_UNSIGNED,
	T_KW_VOID,
	T_KW_VOLATILE,
	T_KW_WHILE,
	T_KW_XLATE,

	T_COUNT_ /* not a token */
};

enum d_lexmode {
	D_LM_EXPR = 0,
	D_LM_OUTER,
	D_LM_IDENT,
};

struct d_token {
	enum d_tok t;
	int line;	 /* line of the token's first character */
	const char *pos; /* start in the source */
	size_t len;	 /* length in the source */
	const char *str; /* arena string for IDENT/AGG/PSPEC/TNAME/STRING */
	size_t slen;	 /* T_STRING: bytes (may include NULs) */
	uint64_t ival;	 /* T_INT, T_CHAR */
	unsigned iflags; /* T_INT: D_INT_* */
	int ibase;	 /* T_INT: 8, 10, 16 */
	int nchars;	 /* T_CHAR: bytes */
};

struct d_lexer {
	struct d_pcb *pcb;
	const char *src; /* start of text */
	const char *p;	 /* next character */
	const char *end; /* one past the last character */
	int line;	 /* line of *p */
	/* dtrace's pcb_parens/brackets/braces, counted in D_LM_EXPR */
	int parens, brackets, braces;
	/* where the next pragma goes (pcb->pragmas / pcb->xpragmas) */
	struct d_pragma **ptail, **xtail;
};

void d_lex_init(struct d_lexer *lx, struct d_pcb *pcb);
/* Scan the next token in `mode` into *tok. Errors longjmp (d_error). */
void d_lex_next(struct d_lexer *lx, struct d_token *tok, enum d_lexmode mode);
/* Move back to the start of tok (which this lexer produced) so that it is
 * scanned again, possibly in another mode. Control lines before it are not
 * processed twice. */
void d_lex_rewind(struct d_lexer *lx, const struct d_token *tok);
/* The first non-blank character after the current position ("\f\n\r\t\v "
 * skipped, comments not), or -1 at the end; *second gets the one after it
 * (or -1). This is dtrace's raw look-ahead used for the typedef-name rule. */
int d_lex_peekc(const struct d_lexer *lx, int *second);

/* The token's name for messages and dumps: "+=", "int", "<ident>"... */
const char *d_tok_name(enum d_tok t);
/* Keyword token for a word, or T_EOF if it is not a D keyword. */
enum d_tok d_lex_keyword(const char *s, size_t n);

/*
 * Raise dtrace's syntax error at a token: "syntax error near \"TEXT\""
 * (TEXT = the token's source text cut at a newline), "syntax error near
 * end of input" at T_EOF. Tag D_SYNTAX, line of the token.
 */
void d_lex_syntax_error(struct d_lexer *lx, const struct d_token *tok)
	__attribute__((noreturn));

/* dtrace's stresc2chr: process C escapes in s[0..n) into a new arena
 * string; *outlen gets the byte count. Unknown escapes keep the backslash.*/
char *d_unescape(struct d_pcb *pcb, const char *s, size_t n, size_t *outlen);

#endif
