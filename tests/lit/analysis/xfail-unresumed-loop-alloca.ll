; SUSPECTED BUG (XFAIL, report only): an alloca whose lifetime starts in a
; loop that the ramp enters before its first suspend is not reported live
; in Unresumed.
;
; The ramp runs the first iteration up to the suspend: it starts %m's
; lifetime and fills it, so %m's frame bytes are in use in the Unresumed
; state (the ramp before any suspend). The same alloca with its lifetime
; started in the entry block is reported "U S0" (see alloca-lifetimes.ll).
; pass/liveness.c decides "ramp or not" per block: a block reachable from
; some suspend counts as after the first suspend, even when the ramp also
; runs it. The Unresumed variant then omits %m. Conflicts ignore Unresumed,
; so the layout is not affected; the live_at set and the Unresumed variant
; are.
;
; Expected (correct) result below.
; XFAIL: *
;
; RUN: %coropack report --mode pack %s --input presplit --format text | FileCheck %s
; The rewrite leaves IR the verifier accepts.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output

; CHECK-LABEL: coroutine firstrun() {
; CHECK:       */ %m [48 x i8] alloca live: U S0{{$}}
; CHECK:       print-type-size variant `Unresumed` (unresumed): 64 bytes

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

; while (...) { char m[48]; fill(m); co_yield; use(m); }
define ptr @_Z8firstrunv() presplitcoroutine {
entry:
  %m = alloca [48 x i8], align 8
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z8firstrunv, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  br label %loop
loop:
  call void @llvm.lifetime.start.p0(ptr %m)
  call void @fill(ptr %m)
  %save = call token @llvm.coro.save(ptr null)
  %s = call i8 @llvm.coro.suspend(token %save, i1 false)
  switch i8 %s, label %ret [i8 0, label %body
                            i8 1, label %d]
d:
  call void @llvm.lifetime.end.p0(ptr %m)
  br label %cleanup
body:
  call void @use(ptr %m)
  call void @llvm.lifetime.end.p0(ptr %m)
  br label %loop
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}
declare void @fill(ptr captures(none))
declare void @use(ptr captures(none))
declare ptr @malloc(i64)
declare void @free(ptr)
