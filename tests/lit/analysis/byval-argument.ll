; A byval argument live across a suspend: the frame must hold a copy of the
; whole pointee, not the pointer. %big points into the ramp caller's argument
; area, which is gone once the ramp returns; after the suspend the coroutine
; reads it again. Stock LLVM copies the 64-byte %struct.Big into the frame
; (CoroFrame: "For byval arguments, we need to store the pointed value in the
; frame, instead of the pointer itself"): stock frame { ptr, ptr,
; %struct.Big, i1 }, 88 bytes.
;
; (It was a miscompile once: the item had the argument's IR type, 8 bytes;
; then such coroutines were left stock.) coropack now models the argument's
; bytes as an item that exists from entry, copied into the frame right after
; coro.begin, where every later use finds it, in pack and in lower mode.
; byval2 also has two values live at different suspends, which pack mode
; lets share bytes, so its rewrite (and the copy) runs in pack mode too.
; The driver clobbers the argument area before resuming.
;
; RUN: %coropack report --mode pack %s --input presplit --format text | FileCheck %s
; RUN: %coropack report %s --input presplit --mode lower --format text | FileCheck %s --check-prefix=LOWER
; RUN: %opt -passes='cgscc(coro-split<reuse-storage>)' %s -S -o - | FileCheck %s --check-prefix=STOCK
; RUN: %clangxx -O1 %s -o %t.stock.exe
; RUN: %t.stock.exe | FileCheck %s --check-prefix=EXEC
; RUN: env COROPACK_MODE=pack %clangxx -O0 -fpass-plugin=%plugin %s -o %t.p0.exe
; RUN: %t.p0.exe | FileCheck %s --check-prefix=EXEC
; RUN: env COROPACK_MODE=pack %clangxx -O1 -fpass-plugin=%plugin %s -o %t.p1.exe
; RUN: %t.p1.exe | FileCheck %s --check-prefix=EXEC
; RUN: env COROPACK_MODE=lower %clangxx -O0 -fpass-plugin=%plugin %s -o %t.l0.exe
; RUN: %t.l0.exe | FileCheck %s --check-prefix=EXEC
; RUN: env COROPACK_MODE=lower %clangxx -O2 -fpass-plugin=%plugin %s -o %t.l2.exe
; RUN: %t.l2.exe | FileCheck %s --check-prefix=EXEC
; The rewrite leaves IR the verifier accepts, and copies the argument.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -S -o - | FileCheck %s --check-prefix=PACKIR

; CHECK-LABEL: coroutine byval(Big) {
; CHECK-NEXT:  /* stock: no two items can share bytes */
; CHECK:       /* 16 64@8 */ %big {{ *}}%struct.Big alloca live: all
; CHECK:       size: 88 (stock: 88,
; CHECK-LABEL: coroutine byval2(Big, long) {
; CHECK-NOT:   stock:
; CHECK:       /* 16 64@8 */ %big {{ *}}%struct.Big alloca live: all
; CHECK:       size: 104 (stock: 112,

; LOWER-LABEL: coroutine byval(Big) {
; LOWER-NEXT:  /* lowered */
; LOWER-LABEL: coroutine byval2(Big, long) {
; LOWER-NEXT:  /* lowered */

; STOCK: %_Z5byval3Big.Frame = type { ptr, ptr, %struct.Big, i1 }

; PACKIR-LABEL: define ptr @_Z6byval23Bigl(
; PACKIR: %hdl = call ptr @llvm.coro.begin
; PACKIR-NOT: %big
; PACKIR: [[SLOT:%big.slot.*]] = getelementptr inbounds i8, ptr %coropack.region, i64 0
; PACKIR-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr align 8 [[SLOT]], ptr align 8 %big, i64 64, i1 false)

; EXEC: big: 42
; EXEC-NEXT: a: 21
; EXEC-NEXT: b: 105
; EXEC-NEXT: big: 7

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.Big = type { [8 x i64] }
@fmt = private constant [10 x i8] c"big: %ld\0A\00"
@fmta = private constant [8 x i8] c"a: %ld\0A\00"
@fmtb = private constant [8 x i8] c"b: %ld\0A\00"

define i64 @get(i64 %x) noinline {
  %y = mul i64 %x, 3
  ret i64 %y
}

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

define ptr @_Z6byval23Bigl(ptr byval(%struct.Big) align 8 %big, i64 %n) presplitcoroutine {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z6byval23Bigl, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %a = call i64 @get(i64 %n)
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %cleanup]
r0:
  call i32 (ptr, ...) @printf(ptr @fmta, i64 %a)
  %m = mul i64 %n, 5
  %b = call i64 @get(i64 %m)
  %save1 = call token @llvm.coro.save(ptr null)
  %s1 = call i8 @llvm.coro.suspend(token %save1, i1 false)
  switch i8 %s1, label %ret [i8 0, label %r1
                             i8 1, label %cleanup]
r1:
  call i32 (ptr, ...) @printf(ptr @fmtb, i64 %b)
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

define internal ptr @start2() noinline {
  %arg = alloca %struct.Big, align 8
  store i64 7, ptr %arg, align 8
  %h = call ptr @_Z6byval23Bigl(ptr byval(%struct.Big) align 8 %arg, i64 7)
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
  %h2 = call ptr @start2()
  call void @clobber()
  call void @llvm.coro.resume(ptr %h2)
  call void @clobber()
  call void @llvm.coro.resume(ptr %h2)
  ret i32 0
}

declare i32 @printf(ptr, ...)
declare ptr @malloc(i64)
declare void @free(ptr)
