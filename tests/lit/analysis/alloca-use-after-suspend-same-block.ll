; Regression (was a liveness miss): an alloca without lifetime markers, stored before a
; suspend and loaded after it in the suspend's own block (between the
; llvm.coro.suspend and the switch on its result), is not put in the frame.
;
; The IR is valid pre-split IR and stock LLVM handles it: the split cuts the
; block right after the suspend, so the load runs in the resume function,
; and %slot gets a frame field (stock frame { ptr, ptr, i64, i1 }, 32 bytes).
; coropack's test for an unmarked alloca (frame_allocas in pass/liveness.c)
; works on whole blocks: it looks for a use in a block reachable from the
; *successors* of the suspend's block, and from a use block that reaches the
; suspend's block; a use after the suspend in that same block is seen only
; as a use before it. Result: nothing live at Suspend0 and a 24-byte packed
; frame. Pack mode stays correct only because it leaves allocas it does not
; model alone and LLVM's split then gives %slot a field of its own (the real
; packed frame is 32 bytes, not the 24 reported). Marked allocas and SSA
; values are not affected (their dataflow is per instruction).
;
; Expected (correct) result below: %slot in the frame, live everywhere.
;
; RUN: %coropack report --mode pack %s --input presplit --format text --dump-liveness | FileCheck %s
; The rewrite leaves IR the verifier accepts.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output

; CHECK-LABEL: liveness _Z9sameblockv
; CHECK-NEXT:  {{^}}  suspend 0: [%slot]{{$}}
; CHECK-LABEL: coroutine sameblock() {
; CHECK:       */ %slot i64 alloca live: all{{$}}
; CHECK:       size: 32 (stock: 32,

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @_Z9sameblockv() presplitcoroutine {
entry:
  %slot = alloca i64, align 8
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z9sameblockv, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %x = call i64 @produce(i64 0)
  store i64 %x, ptr %slot, align 8
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  %v = load i64, ptr %slot, align 8
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %cleanup]
r0:
  call void @consume(i64 %v)
  br label %cleanup
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}
declare i64 @produce(i64)
declare void @consume(i64)
declare ptr @malloc(i64)
declare void @free(ptr)
