/* ctx_x86_64.S - goroutine context switch for x86-64 System V.
 *
 * A saved context is the stack pointer of a stack whose top holds, from low
 * to high addresses: MXCSR and x87 control word (8 bytes), r15, r14, r13,
 * r12, rbx, rbp, return address.  Only callee-saved state is kept: the
 * switch is an ordinary call for the compiler, so caller-saved registers are
 * already dead.  No signal mask is touched (no system call per switch).
 */
#if defined(__x86_64__)
    .text

/* void go_ctx_switch(void **save, void *to) */
    .globl go_ctx_switch
    .hidden go_ctx_switch
    .type go_ctx_switch, @function
go_ctx_switch:
    .cfi_startproc
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    subq $8, %rsp
    stmxcsr (%rsp)
    fnstcw 4(%rsp)
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    ldmxcsr (%rsp)
    fldcw 4(%rsp)
    addq $8, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .cfi_endproc
    .size go_ctx_switch, .-go_ctx_switch

/* First code a new context runs: go_ctx_make left the entry function in
 * r13, its argument in r12 and a zero frame pointer, so frame-pointer walks
 * stop here. */
    .globl go_ctx_trampoline
    .hidden go_ctx_trampoline
    .type go_ctx_trampoline, @function
go_ctx_trampoline:
    .cfi_startproc
    .cfi_undefined rip
    movq %r12, %rdi
    call *%r13
    ud2
    .cfi_endproc
    .size go_ctx_trampoline, .-go_ctx_trampoline
#else
#error "gosan: goroutine context switch is implemented for x86-64 only (see docs/scheduler.md)"
#endif
    .section .note.GNU-stack,"",@progbits
