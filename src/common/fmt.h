/* SPDX-License-Identifier: GPL-2.0-or-later */
/* FMT-STABLE */
/*
 * The D printf-format parser, shared by the D compiler's type checker
 * (d/) and the consumer (consumer/). FMT-STABLE: the API below is stable.
 *
 * A format string is split the way DTrace's dt_printf_create() splits it:
 * a list of pieces, each holding the literal text that precedes one
 * conversion and the conversion itself; a last piece with conv == NULL
 * holds the trailing text (it exists when the format ends with text, or
 * when the format is empty). The conversion is looked up by its "name":
 * the length modifiers DTrace knows (h l L w, at most 6) followed by the
 * conversion character, e.g. "d", "lld", "hx", "ws", "%". Only the names
 * DTrace's conversion dictionary has are accepted ("%hhd", "%zd", "%F",
 * "%jd"... are "undefined", exactly as dtrace says); the dictionary gives,
 * for each name, the argument kinds it accepts (for the checker) and how
 * the value is printed (for the consumer), with DTrace's prototype string
 * for the error message, e.g.
 *
 *	printf( ) argument #2 is incompatible with conversion #1 prototype:
 *		conversion: %d
 *		 prototype: char, short, int, long, or long long
 *		  argument: string
 *
 * DTrace numbers conversions in its messages by piece: conversion #N is
 * pieces[N - 1] (a text-only piece can only be the last one), and
 * arguments by position after the format ("argument #2" is the first value
 * after a printf() format; dt_printf_validate() counts '*' and '.*'
 * arguments too).
 *
 * Flags as DTrace parses them: '-' clears '0' and '0' (a leading zero
 * before any width digit) clears '-'; '?' sets the width to 16 (LP64);
 * '@' marks the aggregation-value conversion of printa() ("%@d", "%@u");
 * '\'' is the grouping flag; '*' / '.*' take the width / precision from an
 * argument (an integer), consumed before the value, width first.
 */
#ifndef UDT_COMMON_FMT_H
#define UDT_COMMON_FMT_H

#include <stddef.h>

/* Conversion flags (struct fmt_piece.flags). */
enum {
	FMT_F_LEFT = 0x001,	/* '-' */
	FMT_F_PLUS = 0x002,	/* '+' */
	FMT_F_SPACE = 0x004,	/* ' ' */
	FMT_F_ALT = 0x008,	/* '#' */
	FMT_F_ZPAD = 0x010,	/* '0' */
	FMT_F_GROUP = 0x020,	/* '\'' */
	FMT_F_DYNWIDTH = 0x040, /* '*': the width is an argument */
	FMT_F_DYNPREC = 0x080,	/* '.*': the precision is an argument */
	FMT_F_AGG = 0x100,	/* '@': printa() aggregation value */
	FMT_F_PREC = 0x200,	/* a '.' was given (prec is meaningful) */
};

/*
 * What argument a conversion accepts (DTrace's pfcheck_* functions). The
 * checker implements each test; proto is the text for the message.
 */
enum fmt_check {
	FMT_C_NONE = 0,	 /* "%%": takes no argument */
	FMT_C_XINT,	 /* any integer (incl. enum, char) */
	FMT_C_DINT,	 /* any integer; %d/%i of an unsigned type print
			      as %u (the consumer uses the datum's sign) */
	FMT_C_CSI,	 /* an integer of at most 4 bytes: char/short/int */
	FMT_C_FP,	 /* float, double or long double */
	FMT_C_ADDR,	 /* pointer or integer */
	FMT_C_KADDR,	 /* pointer, integer or a sym()/func() value */
	FMT_C_UADDR,	 /* a usym()/ufunc()/uaddr() value; or pointer or
			      integer when $target is set (-p/-c) */
	FMT_C_STACK,	 /* a stack()/ustack() value */
	FMT_C_TIME,	 /* an 8-byte integer (ns since the epoch) */
	FMT_C_STR,	 /* string, or an array of char */
	FMT_C_WSTR,	 /* an array of 32-bit integers (wchar_t []) */
	FMT_C_TYPE,	 /* a type compatible with the one named in proto
			      ("short", "unsigned long long", "long double",
			      "int", ...) */
	FMT_C_XSHORT,	 /* short, signed short or unsigned short */
	FMT_C_XLONG,	 /* long, signed long or unsigned long */
	FMT_C_XLONGLONG, /* [unsigned] long long, or [u]int64_t typedef */
};

/* How the consumer prints the value (DTrace's pfprint_* functions). */
enum fmt_print {
	FMT_P_PCT = 0, /* "%" */
	FMT_P_SINT,    /* signed integer, promoted by size */
	FMT_P_UINT,    /* unsigned integer */
	FMT_P_DINT,    /* signed or unsigned by the argument's type */
	FMT_P_FP,      /* floating point */
	FMT_P_ADDR,    /* kernel symbol (%a): "mod`sym+0x.." or 0x.. */
	FMT_P_UADDR,   /* user symbol (%A) */
	FMT_P_STACK,   /* %k: a stack, one frame a line */
	FMT_P_TIME,    /* %Y: "2024 Oct 11 20:43:38" */
	FMT_P_TIME822, /* %T: RFC 822 date */
	FMT_P_CSTR,    /* %s */
	FMT_P_WSTR,    /* %ls / %ws */
	FMT_P_ESTR,    /* %S: string with C escapes */
	FMT_P_ECHR,    /* %C: character with C escapes */
};

/* One entry of the conversion dictionary (DTrace's _dtrace_conversions). */
struct fmt_conv {
	const char *name;    /* "d", "lld", "hx", "%", ... */
	const char *ofmt;    /* the C conversion it becomes: "d", "x", "s",
			      "lc", "ls", "wc", "ws", "%" */
	const char *proto;   /* prototype text for messages, or the type name
			      for FMT_C_TYPE */
	unsigned char check; /* enum fmt_check */
	unsigned char print; /* enum fmt_print */
};

/* One conversion and the literal text before it. */
struct fmt_piece {
	const char *prefix; /* literal text before the conversion (points
				into struct fmt.format; not NUL-terminated) */
	size_t preflen;
	const struct fmt_conv *conv; /* NULL: the piece is text only */
	unsigned flags;		     /* FMT_F_* */
	int width;		     /* 0: none (or FMT_F_DYNWIDTH) */
	int prec;	  /* meaningful when FMT_F_PREC and not DYNPREC */
	char name[8];	  /* conversion name as written ("lld", "@d" has
				name "d" and FMT_F_AGG) */
	const char *text; /* the conversion as written, from '%' ... */
	size_t textlen;	  /* ... to the conversion character inclusive */
};

/* A parsed format string. */
struct fmt {
	char *format;		  /* private copy of the format string */
	struct fmt_piece *pieces; /* npieces entries */
	size_t npieces;
	size_t nconv; /* pieces with a conversion, "%%" included */
};

/*
 * Parses s into f. Returns 0, or -1 with DTrace's message (no trailing
 * newline, no "dtrace: " prefix) written to err (errlen bytes, may be 0):
 *	format conversion #%u is undefined: %%%s
 *	format conversion #%u name expected before end of format string
 *	format conversion #%u has more than one '.' specified
 *	format conversion #%u has more than one '*' specified for the output
 *	    precision|width
 *	format conversion #%u uses unsupported positional format (%%n$)
 *	format conversion #%u cannot be combined with other format flags: %%
 * (#N counts every piece so far, as dtrace's pfv_argc does.) On failure f
 * is left empty (fmt_release() is still safe). Memory comes from
 * common/xalloc.h; release it with fmt_release().
 */
int fmt_parse(struct fmt *f, const char *s, char *err, size_t errlen);
void fmt_release(struct fmt *f);

/* The dictionary entry for name ("d", "lld", "%"...), or NULL. */
const struct fmt_conv *fmt_conv_lookup(const char *name);

/*
 * Number of arguments one piece consumes from the argument list: one per
 * '*' and '.*', plus one for the value unless the piece is "%%", text
 * only, or a printa() "%@" conversion (which takes the aggregation value).
 */
unsigned fmt_piece_nargs(const struct fmt_piece *p);

/* Whether the format has a "%@" conversion (printa). */
int fmt_has_agg(const struct fmt *f);

#endif
