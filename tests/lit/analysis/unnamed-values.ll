; Unnamed values are reported as LLVM prints them as operands: %N in the
; function's own slot numbering (unnamed arguments, then each unnamed block
; and non-void instruction in order), not a module-wide numbering.
; The live values are the argument %0 and the calls %5 and %6; the
; unnamed global @0 and the unnamed function before this one must not shift
; the local numbers.
;
; RUN: %coropack report --mode pack %s --input presplit --format text --dump-liveness \
; RUN:   | FileCheck %s
; RUN: %opt -S %s | FileCheck %s --check-prefix=IR

; CHECK-LABEL: liveness _Z7unnamedl
; CHECK-NEXT:  {{^}}  suspend 0: %0 %5 (temporary i64) %6 (temporary i64){{$}}
; IR-LABEL:    define ptr @_Z7unnamedl(i64 %0)
; IR:          %5 = call i64 @produce(i64 1)
; IR-NEXT:     %6 = call i64 @produce(i64 %0)

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@0 = private global i64 0

define i64 @1(i64 %x) {
  %y = add i64 %x, 1
  ret i64 %y
}

define ptr @_Z7unnamedl(i64 %0) presplitcoroutine {
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z7unnamedl, ptr null)
  %2 = call i64 @llvm.coro.size.i64()
  %3 = call ptr @malloc(i64 %2)
  %4 = call ptr @llvm.coro.begin(token %id, ptr %3)
  %5 = call i64 @produce(i64 1)
  %6 = call i64 @produce(i64 %0)
  %save = call token @llvm.coro.save(ptr null)
  %s = call i8 @llvm.coro.suspend(token %save, i1 false)
  switch i8 %s, label %ret [i8 0, label %resume
                            i8 1, label %cleanup]
resume:
  %7 = add i64 %5, %6
  %8 = add i64 %7, %0
  call void @consume(i64 %8)
  br label %cleanup
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %4)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr %4, i1 false, token none)
  ret ptr %4
}

declare i64 @produce(i64)
declare void @consume(i64)
declare ptr @malloc(i64)
declare void @free(ptr)
