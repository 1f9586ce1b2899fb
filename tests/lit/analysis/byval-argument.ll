; Regression (was a miscompile): a byval argument live across a suspend was
; modeled as an 8-byte pointer, but the frame must hold a copy of the whole
; pointee. coropack now leaves such coroutines as stock LLVM builds them.
;
; %big points into the ramp caller's argument area, which is gone once the
; ramp returns; after the suspend the coroutine reads it again. Stock LLVM
; copies the 64-byte %struct.Big into the frame (CoroFrame: "For byval
; arguments, we need to store the pointed value in the frame, instead of
; the pointer itself"): stock frame { ptr, ptr, %struct.Big, i1 }, 88 bytes.
; coropack gives the item the argument's IR type (ptr, 8 bytes) and reports
; a 32-byte frame "saving" 56 bytes. Pack mode then stores the pointer in
; its region and reloads it after the suspend: the resumed coroutine reads
; the dead argument area (the stock program prints "big: 42"; the packed one
; reads garbage or crashes).
;
; Expected: the stock frame, and the same output with the plugin as without.
;
; RUN: %coropack report %s --input presplit --format text | FileCheck %s
; RUN: %opt -passes='cgscc(coro-split<reuse-storage>)' %s -S -o - | FileCheck %s --check-prefix=STOCK
; RUN: %clangxx -O1 %s -o %t.stock.exe
; RUN: %t.stock.exe | FileCheck %s --check-prefix=EXEC
; RUN: %clangxx -O1 -fpass-plugin=%plugin %s -o %t.packed.exe
; RUN: %t.packed.exe | FileCheck %s --check-prefix=EXEC
; The rewrite leaves IR the verifier accepts.
; RUN: %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output

; coropack leaves the coroutine stock and says why.
; CHECK-LABEL: coroutine byval(Big) {
; CHECK-NEXT:  /* stock: byval argument (its storage, not the pointer, would need the frame) */
; CHECK:       size: 88 (stock: 88,

; STOCK: %_Z5byval3Big.Frame = type { ptr, ptr, %struct.Big, i1 }

; EXEC: big: 42

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.Big = type { [8 x i64] }
@fmt = private constant [10 x i8] c"big: %ld\0A\00"

define ptr @_Z5byval3Big(ptr byval(%struct.Big) align 8 %big) presplitcoroutine {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z5byval3Big, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %cleanup]
r0:
  %v = load i64, ptr %big, align 8
  call i32 (ptr, ...) @printf(ptr @fmt, i64 %v)
  br label %cleanup
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr null, i1 false, token none)
  ret ptr %hdl
}

; The driver: the byval copy lives in start()'s frame, which clobber()
; overwrites before the coroutine resumes.
define internal ptr @start() noinline {
  %arg = alloca %struct.Big, align 8
  store i64 42, ptr %arg, align 8
  %h = call ptr @_Z5byval3Big(ptr byval(%struct.Big) align 8 %arg)
  ret ptr %h
}

define internal void @clobber() noinline {
  %junk = alloca [64 x i64], align 8
  call void @llvm.memset.p0.i64(ptr %junk, i8 -1, i64 512, i1 true)
  ret void
}

define i32 @main() {
  %h = call ptr @start()
  call void @clobber()
  call void @llvm.coro.resume(ptr %h)
  ret i32 0
}

declare i32 @printf(ptr, ...)
declare ptr @malloc(i64)
declare void @free(ptr)
