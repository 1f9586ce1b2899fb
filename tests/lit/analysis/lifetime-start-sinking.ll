; Before it lays out a frame, LLVM's split sinks an alloca's lifetime.start
; past a suspend when every other use of the alloca comes after it
; (sinkLifetimeStartMarkers in CoroFrame.cpp: to the end of the block right
; after the suspend, when that block dominates the uses and none is reached
; from it across another suspend; never under optnone). This is the shape of
; `char buf[256]; co_await x; read(buf);`: clang emits the lifetime.start at
; the declaration. The model starts such an alloca where the split will
; (pass/segments.c), so it sees what stock sees:
; - @_Z4sinkv: %late is not live at the suspend; stock's frame is 24 bytes,
;   and so is coropack's (it used to say 280 and a lower bound of 280);
; - @_Z5laterv: %buf, declared before two suspends and used after both, is
;   not sunk (a use after Suspend1 is reached from the block after Suspend0
;   across Suspend1): it is live at both suspends, in stock and in the
;   model, and shares no bytes with %early (480 bytes in both);
; - @_Z6nosinkv is optnone (as every function clang emits at -O0): the split
;   sinks nothing, %late is live at the suspend and in the frame, in both.
;
; RUN: %coropack report --mode pack %s --input presplit --format text --dump-liveness | FileCheck %s
; RUN: %coropack report --mode lower %s --input presplit --format text | FileCheck %s --check-prefix=LOWER
; RUN: %opt -passes='cgscc(coro-split<reuse-storage>)' %s -S -o - | FileCheck %s --check-prefix=STOCK
; Lower mode replaces the split, so it moves the marker itself: %late stays
; on the stack of the resume function and starts after the suspend there
; (with the start left before the suspend, the resume function would use it
; outside any lifetime: AddressSanitizer's stack-use-after-scope).
; RUN: %opt -load-pass-plugin=%plugin -passes='cgscc(coropack-lower),verify' %s -S -o - | FileCheck %s --check-prefix=LOWERIR
; The rewrite leaves IR the verifier accepts.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output

; CHECK-LABEL: liveness _Z4sinkv
; CHECK-NEXT:  {{^}}  suspend 0:{{$}}
; CHECK-NEXT:  {{^}}  stack allocas: %late(start sunk){{$}}
; CHECK-LABEL: liveness _Z5laterv
; CHECK-NEXT:  {{^}}  suspend 0: [%early] [%buf]{{$}}
; CHECK-NEXT:  {{^}}  suspend 1: [%buf]{{$}}
; CHECK-NEXT:  {{^}}  frame allocas: %early(reaches a suspend unended) %buf(reaches a suspend unended){{$}}
; CHECK-LABEL: liveness _Z6nosinkv
; CHECK-NEXT:  {{^}}  suspend 0: [%late]{{$}}
; CHECK-LABEL: coroutine sink() {
; CHECK:       size: 24 (stock: 24, lower bound: 24,
; CHECK-LABEL: coroutine later() {
; CHECK:       size: 480 (stock: 480,
; CHECK-LABEL: coroutine nosink() {
; CHECK:       size: 280 (stock: 280,

; LOWER-LABEL: coroutine sink() {
; LOWER-NEXT:  lowered
; LOWER:       size: 24 (stock: 24,
; LOWER-LABEL: coroutine later() {
; LOWER-NEXT:  lowered
; LOWER:       size: 480 (stock: 480,
; LOWER-LABEL: coroutine nosink() {
; LOWER-NEXT:  lowered
; LOWER:       size: 280 (stock: 280,

; LOWERIR-LABEL: define ptr @_Z4sinkv(
; LOWERIR:       %hdl = call
; LOWERIR-NOT:   call void @llvm.lifetime.start.p0(ptr %late)
; LOWERIR:       resume.0.landing:
; LOWERIR-NEXT:  call void @llvm.lifetime.start.p0(ptr %late)
; LOWERIR-LABEL: define internal fastcc void @_Z4sinkv.resume(
; LOWERIR:       %late = alloca [256 x i8]
; LOWERIR:       resume.0.landing:
; LOWERIR-NEXT:  call void @llvm.lifetime.start.p0(ptr %late)
; LOWERIR-NEXT:  switch i8 0

; STOCK: %_Z4sinkv.Frame = type { ptr, ptr, i1 }
; STOCK: %_Z5laterv.Frame = type { ptr, ptr, [256 x i8], [200 x i8], i1 }
; STOCK: %_Z6nosinkv.Frame = type { ptr, ptr, [256 x i8], i1 }

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
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %d0]
d0:
  call void @llvm.lifetime.end.p0(ptr %late)
  br label %cleanup
r0:
  call void @fill(ptr %late)
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

define ptr @_Z5laterv() presplitcoroutine {
entry:
  %early = alloca [200 x i8], align 8
  %buf = alloca [256 x i8], align 8
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z5laterv, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  call void @llvm.lifetime.start.p0(ptr %buf)
  call void @llvm.lifetime.start.p0(ptr %early)
  call void @fill(ptr %early)
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %d0]
r0:
  call void @use(ptr %early)
  call void @llvm.lifetime.end.p0(ptr %early)
  call void @fill(ptr %buf)
  %save1 = call token @llvm.coro.save(ptr null)
  %s1 = call i8 @llvm.coro.suspend(token %save1, i1 false)
  switch i8 %s1, label %ret [i8 0, label %r1
                             i8 1, label %d1]
r1:
  call void @use(ptr %buf)
  call void @llvm.lifetime.end.p0(ptr %buf)
  br label %cleanup
d0:
  call void @llvm.lifetime.end.p0(ptr %early)
  br label %cleanup
d1:
  call void @llvm.lifetime.end.p0(ptr %buf)
  br label %cleanup
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}

define ptr @_Z6nosinkv() presplitcoroutine noinline optnone {
entry:
  %late = alloca [256 x i8], align 8
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z6nosinkv, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  call void @llvm.lifetime.start.p0(ptr %late)
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %d0]
d0:
  call void @llvm.lifetime.end.p0(ptr %late)
  br label %cleanup
r0:
  call void @fill(ptr %late)
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
