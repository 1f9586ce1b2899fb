; Zero-size frame items (an empty awaiter type, a [0 x T] array) used across
; suspends: stock LLVM gives them a zero-size field; pack mode, lower mode and
; the report must handle a region that holds items but no bytes (it crashed
; with a null region before). The shapes: await.suspend.void/bool/handle on
; an empty awaiter, a [0 x i64] passed out before and after suspends.
;
; RUN: opt -passes='module(coro-early),cgscc(coro-split),verify' %s -S -o - | FileCheck %s --check-prefix=STOCK
; RUN: opt -load-pass-plugin=%plugin -passes='module(coro-early),cgscc(coro-split),verify' %s -S -o - | FileCheck %s --check-prefix=STOCK
; RUN: opt -load-pass-plugin=%plugin -passes='module(coro-early),cgscc(coropack-lower),verify' %s -S -o - | FileCheck %s --check-prefix=LOWER
; RUN: %coropack report --mode pack %s --input presplit | FileCheck %s --check-prefix=REPORT
; RUN: %coropack report %s --mode lower | FileCheck %s --check-prefix=REPORT-LOWER
;
; STOCK: %g.Frame = type { ptr, ptr, i2 }
; STOCK-LABEL: define internal fastcc void @g.resume(
; STOCK-LABEL: define internal fastcc void @g.destroy(
;
; LOWER-LABEL: define void @g(
; LOWER: call ptr @malloc(i32 24)
; LOWER: call void @await_void(ptr [[AW:%.*]], ptr %hdl)
; LOWER-LABEL: define internal fastcc void @g.resume(
; LOWER: call i1 @await_bool(
; LOWER-LABEL: define internal fastcc void @g.destroy(
;
; REPORT: coroutine g {
; REPORT-DAG: 0 0@8 */ %aw {{.*}}alloca
; REPORT-DAG: 0 0@8 */ %z {{.*}}alloca
; REPORT: size: 24 (stock: 24,
; REPORT-LOWER: /* lowered */
; REPORT-LOWER: size: 24 (stock: 24,

%Empty = type {}

define void @g(i32 %n) presplitcoroutine {
entry:
  %aw = alloca %Empty
  %z = alloca [0 x i64], align 8
  %id = call token @llvm.coro.id(i32 0, ptr null, ptr null, ptr null)
  %size = call i32 @llvm.coro.size.i32()
  %alloc = call ptr @malloc(i32 %size)
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %alloc)
  call void @use(ptr %z)
  %sv0 = call token @llvm.coro.save(ptr %hdl)
  call void @llvm.coro.await.suspend.void(ptr %aw, ptr %hdl, ptr @await_void)
  %s0 = call i8 @llvm.coro.suspend(token %sv0, i1 false)
  switch i8 %s0, label %ret [ i8 0, label %step i8 1, label %cleanup ]
step:
  call void @use(ptr %z)
  %sv1 = call token @llvm.coro.save(ptr %hdl)
  %b = call i1 @llvm.coro.await.suspend.bool(ptr %aw, ptr %hdl, ptr @await_bool)
  br i1 %b, label %susp1, label %step2
susp1:
  %s1 = call i8 @llvm.coro.suspend(token %sv1, i1 false)
  switch i8 %s1, label %ret [ i8 0, label %step2 i8 1, label %cleanup ]
step2:
  call void @use(ptr %aw)
  %sv2 = call token @llvm.coro.save(ptr %hdl)
  call void @llvm.coro.await.suspend.handle(ptr %aw, ptr %hdl, ptr @await_handle)
  %s2 = call i8 @llvm.coro.suspend(token %sv2, i1 false)
  switch i8 %s2, label %ret [ i8 0, label %fin i8 1, label %cleanup ]
fin:
  %sv3 = call token @llvm.coro.save(ptr %hdl)
  %s3 = call i8 @llvm.coro.suspend(token %sv3, i1 true)
  switch i8 %s3, label %ret [ i8 0, label %cleanup i8 1, label %cleanup ]
cleanup:
  %mem = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %mem)
  br label %ret
ret:
  call void @llvm.coro.end(ptr %hdl, i1 0, token none)
  ret void
}
declare void @await_void(ptr, ptr)
declare i1 @await_bool(ptr, ptr)
declare ptr @await_handle(ptr, ptr)
declare void @use(ptr)
declare ptr @llvm.coro.free(token, ptr)
declare i32 @llvm.coro.size.i32()
declare token @llvm.coro.save(ptr)
declare i8  @llvm.coro.suspend(token, i1)
declare token @llvm.coro.id(i32, ptr, ptr, ptr)
declare ptr @llvm.coro.begin(token, ptr)
declare void @llvm.coro.await.suspend.void(ptr, ptr, ptr)
declare i1 @llvm.coro.await.suspend.bool(ptr, ptr, ptr)
declare void @llvm.coro.await.suspend.handle(ptr, ptr, ptr)
declare void @llvm.coro.end(ptr, i1, token)
declare noalias ptr @malloc(i32)
declare void @free(ptr)
