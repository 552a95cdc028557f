/* morestack_x86_64.S - the target of the stack-limit check that gosan-cc
 * compiles into every function (-fsplit-stack).
 *
 * The prologue compares its new stack pointer with the limit in the
 * thread's TCB (%fs:0x70, GOSAN_TCB_STACK_LIMIT in gosan_platform.h) and
 * calls __morestack when the frame does not fit; r10 holds the frame size.
 * Stacks never grow here: an overflow is fatal.  The goroutine's stack is
 * exhausted, so the report runs on a static emergency stack; one thread at a
 * time may use it, later ones wait for the first to end the process.
 */
#if defined(__x86_64__)
    .text
    .globl __morestack
    .type __morestack, @function
__morestack:
    .cfi_startproc
    leaq 8(%rsp), %rdi              /* the checking function's sp at entry */
    movq %r10, %rsi                 /* the frame it asked for */
1:  lock btsl $0, go_morestack_busy(%rip)
    jnc 2f
    pause
    jmp 1b
2:  leaq go_morestack_stack_top(%rip), %rsp
    call go_stack_overflow_probed   /* does not return */
    ud2
    .cfi_endproc
    .size __morestack, .-__morestack

    .bss
    .p2align 6
    .local go_morestack_stack
go_morestack_stack:
    .zero 32768
go_morestack_stack_top:
    .local go_morestack_busy
go_morestack_busy:
    .zero 8
#endif
    .section .note.GNU-stack,"",@progbits
