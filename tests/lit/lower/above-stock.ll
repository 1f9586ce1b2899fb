; Lower mode never builds a frame larger than stock's. Here coropack's model
; sees %late live across the suspend while LLVM's split keeps it on the
; stack: the split sinks its lifetime.start to the end of the block right
; after the suspend (sinkLifetimeStartMarkers, as in
; ../analysis/lifetime-start-sinking.ll), which puts the new start after the
; call to @fill in that block, a use the model will not move a start past
; (segments.c leaves such an alloca's markers as written). Lowering would
; give 280 bytes against stock's 24, so the coroutine is left to LLVM's
; split, and the report says why.
;
; RUN: %coropack report %s --input presplit --mode lower --format json | FileCheck %s
; CHECK: "packed_size": 24,
; CHECK: "status": "stock: no two items can share bytes (not lowered: its frame would be larger than stock's (280 > 24 bytes))",
; CHECK: "stock_size": 24,
;
; The pass alone leaves it pre-split, marked with the reason.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='cgscc(coropack-lower)' %s -S -o - | FileCheck %s --check-prefix=IR
; IR: define ptr @_Z4sinkv() #[[A:[0-9]+]]
; IR-NOT: define {{.*}}@_Z4sinkv.resume
; IR: attributes #[[A]] = { presplitcoroutine "coropack-not-lowered"="its frame would be larger than stock's (280 > 24 bytes)" }

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @_Z4sinkv() presplitcoroutine {
entry:
  %late = alloca [256 x i8], align 8
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z4sinkv, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  call void @llvm.lifetime.start.p0(ptr %late)
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  call void @fill(ptr %late)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %d0]
d0:
  call void @llvm.lifetime.end.p0(ptr %late)
  br label %cleanup
r0:
  call void @use(ptr %late)
  call void @llvm.lifetime.end.p0(ptr %late)
  br label %cleanup
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
