; Suspend-index order: LLVM numbers the suspend points in instruction order,
; then swaps the final suspend with the last one (coro::Shape::analyze). Here
; the final suspend's block comes textually before the last two suspends, so
; the suspend after %x3's definition gets index 2 and the one after %x2's
; gets index 3 (what the split stores into __suspend_index); the state names
; follow those indices, and Returned is the final suspend.
;
; RUN: %coropack report --mode pack %s --input presplit --format text --dump-liveness | FileCheck %s
; RUN: %opt -passes='cgscc(coro-split)' %s -S -o - | FileCheck %s --check-prefix=STOCK
; The rewrite leaves IR the verifier accepts.
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-pack,verify' %s -disable-output

; CHECK-LABEL: liveness _Z5orderv
; CHECK-NEXT:  {{^}}  suspend 0: %x0{{$}}
; CHECK-NEXT:  {{^}}  suspend 1: %x1{{$}}
; CHECK-NEXT:  {{^}}  suspend 2: %x3{{$}}
; CHECK-NEXT:  {{^}}  suspend 3: %x2{{$}}
; CHECK-NEXT:  {{^}}  suspend 4 final: %xf{{$}}
; One value per state: all five share one slot.
; CHECK-LABEL: coroutine order() {
; CHECK-DAG:   /* [[X:[0-9]+]] 8@8 */ %x0 i64 value live: S0{{$}}
; CHECK-DAG:   /* [[X]] 8@8 */ %x1 i64 value live: S1{{$}}
; CHECK-DAG:   /* [[X]] 8@8 */ %x3 i64 value live: S2{{$}}
; CHECK-DAG:   /* [[X]] 8@8 */ %x2 i64 value live: S3{{$}}
; CHECK-DAG:   /* [[X]] 8@8 */ %xf i64 value live: R{{$}}
; CHECK:       size: 32 (stock: 64, lower bound: 32, optimal)

; The stock split agrees: the index stored before the suspend that %x2
; crosses is 3, the one before %x3's is 2.
; STOCK-LABEL: define ptr @_Z5orderv()
; STOCK:       %x2 = call i64 @produce(i64 2)
; STOCK:       store i3 3, ptr
; STOCK-NEXT:  br label %CoroSuspend
; STOCK:       %x3 = call i64 @produce(i64 3)
; STOCK:       store i3 2, ptr
; STOCK-NEXT:  br label %CoroSuspend
; STOCK-LABEL: define internal fastcc void @_Z5orderv.resume(

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define ptr @_Z5orderv() presplitcoroutine {
entry:
  %id = call token @llvm.coro.id(i32 16, ptr null, ptr @_Z5orderv, ptr null)
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %mem)
  %x0 = call i64 @produce(i64 0)
  %save0 = call token @llvm.coro.save(ptr null)
  %s0 = call i8 @llvm.coro.suspend(token %save0, i1 false)
  switch i8 %s0, label %ret [i8 0, label %r0
                             i8 1, label %cleanup]
r0:
  call void @consume(i64 %x0)
  %x1 = call i64 @produce(i64 1)
  %save1 = call token @llvm.coro.save(ptr null)
  %s1 = call i8 @llvm.coro.suspend(token %save1, i1 false)
  switch i8 %s1, label %ret [i8 0, label %r1
                             i8 1, label %cleanup]
; textually before the last two suspends
final:
  %xf = call i64 @produce(i64 5)
  %savef = call token @llvm.coro.save(ptr null)
  %sf = call i8 @llvm.coro.suspend(token %savef, i1 true)
  switch i8 %sf, label %ret [i8 0, label %unreach
                             i8 1, label %final.cleanup]
final.cleanup:
  call void @consume(i64 %xf)
  br label %cleanup
r1:
  call void @consume(i64 %x1)
  %x2 = call i64 @produce(i64 2)
  %save2 = call token @llvm.coro.save(ptr null)
  %s2 = call i8 @llvm.coro.suspend(token %save2, i1 false)
  switch i8 %s2, label %ret [i8 0, label %r2
                             i8 1, label %cleanup]
r2:
  call void @consume(i64 %x2)
  %x3 = call i64 @produce(i64 3)
  %save3 = call token @llvm.coro.save(ptr null)
  %s3 = call i8 @llvm.coro.suspend(token %save3, i1 false)
  switch i8 %s3, label %ret [i8 0, label %r3
                             i8 1, label %cleanup]
r3:
  call void @consume(i64 %x3)
  br label %final
unreach:
  unreachable
cleanup:
  %free = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %free)
  br label %ret
ret:
  call void @llvm.coro.end(ptr %hdl, i1 false, token none)
  ret ptr %hdl
}
declare i64 @produce(i64)
declare void @consume(i64)
declare ptr @malloc(i64)
declare void @free(ptr)
