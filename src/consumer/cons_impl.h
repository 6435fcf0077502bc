/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to consumer/: the consumer's state (struct cons) and the
 * functions its files share. cons_drain.c walks records and owns the
 * default-format lines and errors; cons_printf.c renders printf()-style
 * formats (printf, printa with a format, system, freopen); cons_agg.c
 * sorts and prints aggregations; cons_quantize.c draws histograms;
 * cons_mem.c prints trace() data, byte tables, stacks and symbols;
 * cons_json.c renders the same records as JSON lines (-x oformat=json).
 *
 * Everything is rendered into c->sb (a strbuf) and written to the output
 * stream by cons_flush(), so formatted text can also feed system(3) and
 * freopen().
 */
#ifndef UDT_CONSUMER_CONS_IMPL_H
#define UDT_CONSUMER_CONS_IMPL_H

#include <stdint.h>
#include <stdio.h>

#include "common/fmt.h"
#include "common/htab.h"
#include "common/strbuf.h"
#include "common/vec.h"
#include "consumer/cons.h"

/* Per-aggregation consumer state, indexed by aggregation id. */
struct cons_aggstate {
	uint64_t normal; /* normalize() factor; 1 by default */
	int printed;	 /* printed by printa(): not printed at exit */
};

struct cons_flow {
	int64_t tid;
	int indent;
};

struct cons {
	FILE *out, *err;
	FILE *stdout_save; /* the output stream before freopen() */
	FILE *freopened;   /* the stream freopen() opened, or NULL */
	struct cons_opts o;
	struct cons_sym_ops sym;
	int have_sym;
	cons_setopt_fn setopt;
	void *setopt_ctx;

	struct strbuf sb; /* pending output */
	int werr;	  /* errno of the first failed write, or 0 */

	int header;		 /* the default-format header was printed */
	int in_fire;		 /* a firing's line is open (needs its "\n") */
	struct vm_rec_fire fire; /* the current firing */
	int have_fire;
	/* flowindent: the depth of each thread (dtrace keeps one per CPU
	   buffer; a tracer that sees every thread of a program indents
	   each thread's calls on their own) */
	int indent;	/* the current firing's thread's */
	int flow_entry; /* current firing is an entry: indent after */
	int64_t flow_tid;
	VEC(struct cons_flow) flows;
	uint32_t last_epid, last_probe;
	int have_last;

	struct cons_aggstate *aggs;
	uint32_t naggs;

	struct htab *fmts; /* format text -> struct fmt * (parsed once) */

	/* -x oformat=json (cons_json.c) */
	int json_items;		     /* data items in the open probe record */
	uint64_t drops[CONS_NDROPS]; /* drop totals already reported */
};

/* The aggregation being printed by a printa() format (cons_format()). */
struct cons_aggval {
	const struct vm_aggdesc *desc;
	const struct vm_agg_entry *e; /* NULL: zero-filled (joined printa) */
	uint64_t normal;
};

/* cons_drain.c */
int cons_flush(struct cons *c);
struct cons_aggstate *cons_aggstate(struct cons *c, uint32_t id);
void cons_error_line(struct cons *c, const char *msg);

/* cons_printf.c */
/* The parsed format for text (cached); NULL when it does not parse. */
const struct fmt *cons_fmt_get(struct cons *c, const char *text);
/* Frees the format cache (cons_destroy()). */
void cons_fmts_release(struct cons *c);
/*
 * Renders fmt into sb with the arguments d[0..n) (printf) or, for printa,
 * the keys d[0..n) and the aggregation values av[0..nav). Returns the
 * number of datums consumed, or -1 on a mismatch.
 */
int cons_format(struct cons *c, struct strbuf *sb, const struct fmt *f,
		const struct vm_datum *d, uint32_t n,
		const struct cons_aggval *av, uint32_t nav);
/* "%Y" and "%T" texts for ns since the epoch. */
void cons_time_y(uint64_t ns, char *buf, size_t len);
void cons_time_t(uint64_t ns, char *buf, size_t len);

/* cons_mem.c */
void cons_trace_datum(struct cons *c, const struct vm_datum *d);
void cons_key_datum(struct cons *c, const struct vm_datum *d,
		    const struct vm_type *t);
void cons_rawbytes(struct strbuf *sb, const uint8_t *p, size_t n);
void cons_print_stack(struct cons *c, struct strbuf *sb,
		      const struct vm_datum *d, const char *cfmt, int indent);
/* The text of a symbol datum (sym(), usym(), mod()...) or of an address
   (kind 0: "mod`func+0xoff"), with the 0x... fallback. */
void cons_sym_text(struct cons *c, int64_t pid, uint64_t addr, int kind,
		   char *buf, size_t len);
/* The pid for a user-symbol datum (its len if set, else the firing's). */
int64_t cons_sym_pid(const struct cons *c, const struct vm_datum *d);
/* The value of an integer datum, sign- or zero-extended by its size. */
int64_t cons_datum_sval(const struct vm_datum *d);
uint64_t cons_datum_uval(const struct vm_datum *d);

/* cons_agg.c */
int cons_printa(struct cons *c, struct vm_aggstore *st, const char *fmt,
		const uint32_t *ids, uint32_t nids);
void cons_trunc(struct cons *c, struct vm_aggstore *st, uint32_t id,
		int64_t keep, int has_arg);
/* Prints an aggregation value in its default layout (" %16lld" ...). */
void cons_agg_value(struct cons *c, const struct vm_aggdesc *a,
		    const int64_t *data, uint64_t normal);
/* dtrace's 128-bit standard deviation. */
uint64_t cons_stddev(const int64_t *data, uint64_t normal);

/* JSON rows of aggregation id sorted as printa() sorts them: "[ROW,...]". */
void cons_agg_json_rows(struct cons *c, struct vm_aggstore *st, uint32_t id);

/* cons_json.c (the record layouts: the comment at its top) */
/* s[0..n) as a JSON string, quoted and escaped (always valid JSON). */
void cons_json_str(struct strbuf *sb, const char *s, size_t n);
/* Renders r as JSON; returns 0 when the text path must still run it
   (consumer-side actions, errors on stderr), 1 when done. */
int cons_json_rec(struct cons *c, struct vm_aggstore *st,
		  const struct vm_rec *r);
/* Closes the open probe record, if any. */
void cons_json_fire_end(struct cons *c);
void cons_json_agg_row(struct cons *c, const struct vm_aggdesc *a,
		       const struct vm_agg_entry *e, uint64_t normal);
/* An end-of-run {"type":"aggregation",...} line. */
void cons_json_agg_record(struct cons *c, struct vm_aggstore *st, uint32_t id);
/* Error records: a fault (fault: its text, msg: the stderr line) or
   any other error message. */
void cons_json_fault(struct cons *c, const struct vm_rec_error *e,
		     const char *fault, const char *msg);
void cons_json_error(struct cons *c, const char *msg);

/* cons_quantize.c */
void cons_quantize(struct strbuf *sb, const struct vm_aggdesc *a,
		   const int64_t *data, uint64_t normal);
void cons_lquantize(struct strbuf *sb, const struct vm_aggdesc *a,
		    const int64_t *data, uint64_t normal);
void cons_llquantize(struct strbuf *sb, const struct vm_aggdesc *a,
		     const int64_t *data, uint64_t normal);
/* Number of int64 slots of each histogram kind (for checking ndata). */
uint32_t cons_lq_levels(const struct vm_aggdesc *a);
uint32_t cons_llq_nbins(const struct vm_aggdesc *a);
/* llquantize in Oracle's layout, for JSON (see cons_quantize.c). */
int cons_llq_layout(const struct vm_aggdesc *a, const int64_t *data,
		    int64_t **data_out, int64_t **lb_out, int *bin0);
/* Sorting weights (dtrace's *quantizedsum / *quantizedzero). */
long double cons_q_sum(const struct vm_aggdesc *a, const int64_t *data,
		       int64_t *zero);

#endif
