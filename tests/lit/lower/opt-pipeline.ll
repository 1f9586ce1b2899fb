; The lowering by itself in an opt pipeline, on the classic counting
; coroutine: -passes='coro-early,cgscc(coropack-lower)' splits it without
; LLVM's coro-split (which would find nothing pre-split left).
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-early,cgscc(coropack-lower)' -S %s | FileCheck %s
; RUN: env COROPACK_MODE=pack %opt -load-pass-plugin=%plugin -passes='coro-early,cgscc(coropack-lower),cgscc(coro-split),coro-cleanup' -S %s | FileCheck %s --check-prefix=FINAL

; The ramp: no longer pre-split, resumers in coro.id, frame size constant,
; resume and destroy-or-cleanup pointers stored after coro.begin, the index
; stored where coro.save was.
; CHECK: @f.resumers = private constant [3 x ptr] [ptr @f.resume, ptr @f.destroy, ptr @f.cleanup]
; CHECK-LABEL: define ptr @f(i32 %n)
; CHECK: call token @llvm.coro.id(i32 0, ptr null, ptr @f, ptr @f.resumers)
; CHECK: call ptr @malloc(i64 24)
; CHECK: %hdl = call noalias nonnull ptr @llvm.coro.begin
; CHECK-NEXT: store ptr @f.resume, ptr %hdl
; CHECK-NEXT: [[SEL:%.*]] = select i1 %need, ptr @f.destroy, ptr @f.cleanup
; CHECK-NEXT: [[DA:%.*]] = getelementptr inbounds i8, ptr %hdl, i64 8
; CHECK-NEXT: store ptr [[SEL]], ptr [[DA]]
; The counter lives in the frame: stored before the suspend.
; CHECK: store i32 %i, ptr
; CHECK: store i8 0, ptr %index.addr
; CHECK: ret ptr %hdl

; Resume: enters through the index (one suspend point: a plain branch),
; stores the counter right after its definition (the phi, here folded to
; %inc: the counter's bytes are its own), reloads it where it is used and
; returns at the suspend.
; CHECK-LABEL: define internal fastcc void @f.resume(ptr noundef nonnull align 8 dereferenceable(24) %0)
; CHECK: store i32 %inc, ptr %i.slot
; CHECK-NEXT: call void @print(i32 %inc)
; CHECK: store i8 0, ptr %index.addr
; CHECK-LABEL: resume:
; CHECK-NEXT: %i.slot2 = getelementptr inbounds i8, ptr %0, i64 16
; CHECK-NEXT: %i.reload3 = load i32, ptr %i.slot2
; CHECK-NEXT: %inc = add i32 %i.reload3, 1
; CHECK: suspend:
; CHECK-NEXT: ret void
; CHECK: resume.entry:
; CHECK-NEXT: br label %resume.0

; Destroy frees the frame; cleanup (the frame was elided) frees nothing.
; CHECK-LABEL: define internal fastcc void @f.destroy(
; CHECK: call void @free(ptr %0)
; CHECK-LABEL: define internal fastcc void @f.cleanup(
; CHECK: call void @free(ptr null)
; CHECK-NOT: presplitcoroutine

; Nothing left for the rest of the coroutine passes but coro-cleanup's part.
; FINAL-NOT: call {{.*}}@llvm.coro.
; FINAL: define internal fastcc void @f.resume(
; FINAL-NOT: call {{.*}}@llvm.coro.

define ptr @f(i32 %n) presplitcoroutine {
entry:
  %id = call token @llvm.coro.id(i32 0, ptr null, ptr null, ptr null)
  %need = call i1 @llvm.coro.alloc(token %id)
  br i1 %need, label %alloc, label %begin
alloc:
  %size = call i64 @llvm.coro.size.i64()
  %mem = call ptr @malloc(i64 %size)
  br label %begin
begin:
  %phi = phi ptr [ null, %entry ], [ %mem, %alloc ]
  %hdl = call ptr @llvm.coro.begin(token %id, ptr %phi)
  br label %loop
loop:
  %i = phi i32 [ %n, %begin ], [ %inc, %resume ]
  call void @print(i32 %i)
  %save = call token @llvm.coro.save(ptr null)
  %s = call i8 @llvm.coro.suspend(token %save, i1 false)
  switch i8 %s, label %suspend [i8 0, label %resume
                                i8 1, label %cleanup]
resume:
  %inc = add i32 %i, 1
  br label %loop
cleanup:
  %mem2 = call ptr @llvm.coro.free(token %id, ptr %hdl)
  call void @free(ptr %mem2)
  br label %suspend
suspend:
  call void @llvm.coro.end(ptr %hdl, i1 false, token none)
  ret ptr %hdl
}

declare token @llvm.coro.id(i32, ptr, ptr, ptr)
declare i1 @llvm.coro.alloc(token)
declare i64 @llvm.coro.size.i64()
declare ptr @llvm.coro.begin(token, ptr)
declare token @llvm.coro.save(ptr)
declare i8 @llvm.coro.suspend(token, i1)
declare ptr @llvm.coro.free(token, ptr)
declare void @llvm.coro.end(ptr, i1, token)
declare void @print(i32)
declare ptr @malloc(i64)
declare void @free(ptr)
