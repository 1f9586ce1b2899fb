; Values used between a suspend point's coro.save and its coro.suspend count
; as live across it: once the save has run, the code up to the suspend (the
; await_suspend call and its unwind path) may run after the coroutine was
; resumed elsewhere, and LLVM's split spills such values as well.
;
; - %arg is an argument of the await_suspend call, after the save;
; - %in.lpad is used only in the landing pad of that call;
; - %before is used only before the save: not live.
; Stock LLVM keeps %arg and %in.lpad: { ptr, ptr, i64, i64, i1 }.
;
; RUN: %coropack report --mode pack %s --input presplit --format text --dump-liveness \
; RUN:   | FileCheck %s --implicit-check-not=%before
; RUN: %opt -passes='cgscc(coro-split<reuse-storage>)' %s -S -o - | FileCheck %s --check-prefix=STOCK
; The rewrite leaves IR the verifier accepts.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output

; CHECK-LABEL: liveness _Z7windowsl
; CHECK-NEXT:  {{^}}  suspend 0: %arg %in.lpad{{$}}
; CHECK-LABEL: coroutine windows(long) {
; CHECK-DAG:   */ %arg i64 value live: S0{{$}}
; CHECK-DAG:   */ %in.lpad i64 value live: S0{{$}}
; CHECK:       size: 40 (stock: 40,

; STOCK: %_Z7windowsl.Frame = type { ptr, ptr, i64, i64, i1 }

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @_Z7windowsl(i64 %n) presplitcoroutine personality ptr @__gxx_personality_v0 {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z7windowsl, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %arg = call i64 @produce(i64 1)
  %in.lpad = call i64 @produce(i64 2)
  %before = call i64 @produce(i64 3)
  call void @consume(i64 %before)
  %save0 = call token @llvm.coro.save(ptr null)
  invoke void @await_suspend(ptr %hdl, i64 %arg)
          to label %susp unwind label %lpad
susp:
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %cleanup
                             i8 1, label %cleanup]
lpad:
  %lp = landingpad { ptr, i32 }
          cleanup
  call void @consume(i64 %in.lpad)
  call void @llvm.coro.end(ptr null, i1 true, token none)
  resume { ptr, i32 } %lp
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}

declare void @await_suspend(ptr, i64)
declare i64 @produce(i64)
declare void @consume(i64)
declare i32 @__gxx_personality_v0(...)
declare ptr @malloc(i64)
declare void @free(ptr)
