; Exceptions in a switch-ABI coroutine, in the shape clang 22 emits: an
; invoke before and one after the initial suspend share a landing pad that
; ends the coroutine with an unwind coro.end, then branches on
; llvm.coro.is_in_ramp (true: the ramp frees the frame itself).
;
; - %in.pad is defined before the suspend and used only in the landing pad:
;   the invoke after the suspend can reach it, so it is live there.
; - %after.end is used after the unwind coro.end on the clones' edge: not
;   live, as for stock LLVM, whose SuspendCrossingInfo propagates nothing
;   past an end block of either form (it rewrites that use to poison).
; - %ramp.only is used only on the is_in_ramp true edge: only the ramp runs
;   it, and the ramp never gets past a suspend, so it is not live.
; - %return.object is used only after the non-unwind coro.end (the ramp's
;   return): not live.
; - %normal is the plain case: an operand of the invoke after the suspend.
;
; RUN: %coropack report --mode pack %s --input presplit --format text --dump-liveness \
; RUN:   | FileCheck %s --implicit-check-not=%ramp.only --implicit-check-not=%return.object \
; RUN:     --implicit-check-not=%after.end
; RUN: %coropack report --mode pack %s --input presplit --format json | FileCheck %s --check-prefix=JSON
; RUN: %opt -passes='cgscc(coro-split)' %s -S -o - | FileCheck %s --check-prefix=STOCK
; The rewrite leaves IR the verifier accepts.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output

; CHECK-LABEL: liveness _Z2ehl
; CHECK-NEXT:  {{^}}  suspend 0: %in.pad %normal{{$}}
; CHECK-NEXT:  {{^}}  suspend 1 final:{{$}}
; CHECK-LABEL: coroutine eh(long) {
; CHECK-DAG:   */ %in.pad i64 value live: S0{{$}}
; CHECK-DAG:   */ %normal i64 value live: S0{{$}}
; CHECK:       size: 40 (stock: 40, lower bound: 40, optimal)

; JSON-LABEL: "demangled": "eh(long)",
; JSON:       "packed_size": 40,
; JSON:       "status": "stock: no two items can share bytes",
; JSON-NEXT:  "stock_size": 40,

; What stock LLVM keeps: %in.pad and %normal only.
; STOCK: %_Z2ehl.Frame = type { ptr, ptr, i64, i64, i1 }
; STOCK: %in.pad.spill.addr =
; STOCK: %normal.spill.addr =

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @_Z2ehl(i64 %n) presplitcoroutine personality ptr @__gxx_personality_v0 {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z2ehl, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %return.object = call ptr @return_object(ptr %hdl)
  %in.pad = call i64 @produce(i64 1)
  %after.end = call i64 @produce(i64 2)
  %ramp.only = call i64 @produce(i64 3)
  %normal = call i64 @produce(i64 4)
  invoke void @may_throw(i64 0)
          to label %ready unwind label %lpad
ready:
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %cleanup]
r0:
  invoke void @may_throw(i64 %normal)
          to label %cont unwind label %lpad
cont:
  %savef = call token @llvm.coro.save(ptr null)
  %sf = call i8 @llvm.coro.suspend(token %savef, i1 true)
  switch i8 %sf, label %ret [i8 0, label %unreach
                             i8 1, label %cleanup]
lpad:
  %lp = landingpad { ptr, i32 }
          cleanup
  call void @consume(i64 %in.pad)
  call void @llvm.coro.end(ptr null, i1 true, token none)
  %inramp = call i1 @llvm.coro.is_in_ramp()
  br i1 %inramp, label %ramp.cleanup, label %unwind
ramp.cleanup:
  call void @consume(i64 %ramp.only)
  %free.r = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free.r)
  br label %unwind
unwind:
  call void @consume(i64 %after.end)
  resume { ptr, i32 } %lp
unreach:
  unreachable
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %return.object
}

declare ptr @return_object(ptr)
declare i64 @produce(i64)
declare void @consume(i64)
declare void @may_throw(i64)
declare i32 @__gxx_personality_v0(...)
declare ptr @malloc(i64)
declare void @free(ptr)
