/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a clause asks of the traced thread beyond its probe's arguments
 * and memory: the session serves a syscall entry without stopping the
 * thread (a seccomp notification) only when no clause enabled there
 * reads registers or the stack, sends a signal, stops the process,
 * writes its memory or overrides the syscall.
 */
#include "config.h"

#include "vm/vm.h"
#include "vm/vm_isa.h"

static int node_needs(const struct vm_node *n);

static int
nodes_need(struct vm_node *const *v, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (node_needs(v[i]))
			return 1;
	return 0;
}

static int
node_needs(const struct vm_node *n)
{
	if (n == NULL)
		return 0;
	switch (n->op) {
	case VM_OP_BUILTIN:
		switch (n->ival) {
		case VM_BI_UREGS:
		case VM_BI_UCALLER:
		case VM_BI_USTACKDEPTH:
			return 1;
		default:
			break;
		}
		break;
	case VM_OP_CALL:
		switch (n->ival) {
		case VM_SUB_USTACK:
		case VM_SUB_JSTACK:
		case VM_SUB_COPYOUT:
		case VM_SUB_COPYOUTSTR:
			return 1;
		default:
			break;
		}
		break;
	default:
		break;
	}
	return nodes_need(n->kids, n->nkids);
}

static int stmts_need(struct vm_stmt *const *v, uint32_t n);

static int
stmt_needs(const struct vm_stmt *s)
{
	if (s->kind == VM_ST_ACTION) {
		switch (s->act) {
		case VM_ACT_USTACK:
		case VM_ACT_JSTACK:
		case VM_ACT_RAISE:
		case VM_ACT_STOP:
		case VM_ACT_SYSCALL_FAIL:
		case VM_ACT_SYSCALL_RETURN:
			return 1;
		default:
			break;
		}
	}
	return node_needs(s->expr) || nodes_need(s->keys, s->nkeys) ||
	       nodes_need(s->args, s->nargs) || stmts_need(s->body, s->nbody) ||
	       stmts_need(s->else_body, s->nelse);
}

static int
stmts_need(struct vm_stmt *const *v, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (v[i] && stmt_needs(v[i]))
			return 1;
	return 0;
}

int
vm_clause_needs_thread(const struct vm_clause *c)
{
	return node_needs(c->pred) || stmts_need(c->body, c->nbody);
}
