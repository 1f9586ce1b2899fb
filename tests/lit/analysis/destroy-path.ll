; Values used only on the paths a suspend takes without resuming.
;
; - %res is used only in Suspend0's destroy successor (case 1): destroying
;   the coroutine there must release it, so it is live at Suspend0 (and not
;   at Suspend1, whose destroy path does not use it).
; - %late is used only in Suspend1's destroy successor: live at Suspend1 and,
;   being defined before Suspend0, at Suspend0 too.
; - %k is used only on Suspend1's default edge (the path that returns to the
;   caller, before coro.end): counted, like LLVM's SuspendCrossingInfo does.
;
; RUN: %coropack report --mode pack %s --input presplit --format text --dump-liveness | FileCheck %s
; The rewrite leaves IR the verifier accepts.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output

; CHECK-LABEL: liveness _Z7destroyv
; CHECK-NEXT:  {{^}}  suspend 0: %res %x %late{{$}}
; CHECK-NEXT:  {{^}}  suspend 1: %late %y %k{{$}}
; CHECK-LABEL: coroutine destroy() {
; CHECK-DAG:   */ %res ptr value live: S0{{$}}
; CHECK-DAG:   */ %x i64 value live: S0{{$}}
; CHECK-DAG:   */ %late ptr value live: S0 S1{{$}}
; CHECK-DAG:   */ %y i64 value live: S1{{$}}
; CHECK-DAG:   */ %k i64 value live: S1{{$}}
; Stock spills all five: 16 + 40 + index = 57, to 64. Packed: three slots.
; CHECK:       size: 48 (stock: 64, lower bound: 48, optimal)

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @_Z7destroyv() presplitcoroutine {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z7destroyv, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %res = call ptr @acquire()
  %x = call i64 @produce(i64 0)
  %late = call ptr @acquire()
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %destroy0]
destroy0:
  call void @release(ptr %res)
  br label %cleanup
r0:
  call void @consume(i64 %x)
  %y = call i64 @produce(i64 1)
  %k = call i64 @produce(i64 2)
  %save1 = call token @llvm.coro.save(ptr null)
  %s1 = call i8 @llvm.coro.suspend(token %save1, i1 false)
  switch i8 %s1, label %suspended1 [i8 0, label %r1
                                    i8 1, label %destroy1]
destroy1:
  call void @release(ptr %late)
  br label %cleanup
suspended1:
  call void @consume(i64 %k)
  br label %ret
r1:
  call void @consume(i64 %y)
  br label %cleanup
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}

declare ptr @acquire()
declare void @release(ptr)
declare i64 @produce(i64)
declare void @consume(i64)
declare ptr @malloc(i64)
declare void @free(ptr)
