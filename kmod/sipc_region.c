// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_region.c - the data region: its pages and how endpoints map them.
 *
 * Pages are allocated at creation, not at first touch, so that the memory
 * limits hold when the channel is made and the pages are charged to the
 * creator's memory cgroup, not to whichever peer faults first.
 *
 * Mappings are filled lazily by the fault handler rather than at mmap
 * time.  That is deliberate: revocation zaps the page tables of a mapping,
 * and the next fault is the place where access is decided again.  A fault
 * maps the whole VMA at once, so that is one decision per mapping per
 * policy change, not one per page.
 *
 * PFN mappings, not page mappings (Documentation/design.md, "Regions are
 * PFN mappings"): the pages go in as special PTEs of a VM_PFNMAP | VM_IO
 * VMA.  The mm core then keeps no page reference, mapcount or rmap for
 * them, so nothing the receiver maps shows in the sender's pagemap, smaps
 * or in Mapped:, and get_user_pages() refuses the VMA: no vmsplice,
 * O_DIRECT, io_uring buffer or process_vm_* pin can outlive a revoke,
 * because none can be taken.  The page-table entries are the only
 * references, and the zap removes them.  ->access serves ptrace and
 * /proc/PID/mem by copying, with the same checks as a fault.
 *
 * Forward-only memory: the receiver's endpoint file is opened read-only,
 * so the mm core already refuses PROT_WRITE on a shared mapping of it;
 * here VM_MAYWRITE is also cleared so mprotect() cannot add write later,
 * and private mappings are refused for both roles, so there is no
 * copy-on-write route either.
 *
 * Sealed channels (sipc_seal.c): the sender's mappings get their own
 * vm_ops with ->pfn_mkwrite.  Defining it makes the mm core keep
 * vm_page_prot read-only on shared writable mappings, so the fault
 * handler writes writable entries itself for the pages that are not
 * sealed, one slot per fault: an unsealed store costs no write-protect
 * fault per page.  Sealed pages go in read-only, and ->pfn_mkwrite gives
 * SIGBUS for them.
 *
 * Fills go through apply_to_page_range() rather than one
 * vmf_insert_pfn_prot() per page: a seal's release makes the sender
 * refill a whole slot on every message, and per-page insertion walked
 * the page tables from the top and took the page-table lock once per
 * page (Documentation/performance.md, "Sealed channels").
 */
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/security.h>
#include <linux/slab.h>
#include "sipc_internal.h"

int sipc_region_alloc(struct sipc_region *r, u64 size)
{
	unsigned long i, n = size >> PAGE_SHIFT;

	r->pages = kvcalloc(n, sizeof(*r->pages), GFP_KERNEL_ACCOUNT);
	if (!r->pages)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		r->pages[i] = alloc_page(GFP_KERNEL_ACCOUNT | __GFP_ZERO);
		if (!r->pages[i]) {
			r->nr_pages = i;
			sipc_region_free(r);
			return -ENOMEM;
		}
	}
	r->nr_pages = n;
	return 0;
}

void sipc_region_free(struct sipc_region *r)
{
	unsigned long i;

	for (i = 0; i < r->nr_pages; i++)
		__free_page(r->pages[i]);
	kvfree(r->pages);
	r->pages = NULL;
	r->nr_pages = 0;
}

/* May the task faulting now map @ep's region?  Revoked: never. */
static bool sipc_map_allowed(struct sipc_endpoint *ep, struct file *file)
{
	return !READ_ONCE(ep->revoked) &&
	       !security_file_ioctl(file, SIPC_IOC_MAP, 0);
}

/*
 * What a fill of the page tables needs: the VMA, and on a sealed
 * channel's sender mapping the channel (for the counts) and the writable
 * protection that unsealed pages get.
 */
struct sipc_fill {
	struct vm_area_struct *vma;
	struct sipc_channel *seal_ch;
	pgprot_t rw;
};

/*
 * One entry of a fill.  What vmf_insert_pfn_prot() would do for a
 * present-or-none entry, minus its page-table walk from the top and its
 * PAT lookup per page (region pages are ordinary write-back RAM, which
 * vm_page_prot already says): apply_to_page_range() walks once and takes
 * each page-table lock once, which is what makes a 1 MiB refill cheap.
 * An entry a racing fault put in first is left alone.
 */
static int sipc_region_fill_pte(pte_t *pte, unsigned long addr, void *data)
{
	struct sipc_fill *f = data;
	struct vm_area_struct *vma = f->vma;
	unsigned long pg = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	struct sipc_endpoint *ep = vma->vm_private_data;
	pgprot_t prot = vma->vm_page_prot;

	if (!pte_none(ptep_get(pte)))
		return 0;
	if (f->seal_ch && !sipc_seal_page_sealed(f->seal_ch, pg))
		prot = f->rw;
	set_pte_at(vma->vm_mm, addr, pte,
		   pte_mkspecial(pfn_pte(page_to_pfn(ep->ch->region.pages[pg]),
					 prot)));
	update_mmu_cache(vma, addr, pte);
	return 0;
}

/* Fill the entries for region pages [@first, @end) of @f->vma. */
static vm_fault_t sipc_region_fill(struct sipc_fill *f, unsigned long first,
				   unsigned long end)
{
	struct vm_area_struct *vma = f->vma;
	unsigned long addr = vma->vm_start +
			     ((first - vma->vm_pgoff) << PAGE_SHIFT);

	if (apply_to_page_range(vma->vm_mm, addr, (end - first) << PAGE_SHIFT,
				sipc_region_fill_pte, f))
		return VM_FAULT_OOM;	/* no memory for a page table */
	return VM_FAULT_NOPAGE;
}

/*
 * Map the whole VMA in one go (the first touch pays for all pages, later
 * accesses pay nothing).
 */
static vm_fault_t sipc_region_insert(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct sipc_fill f = { .vma = vma };

	return sipc_region_fill(&f, vma->vm_pgoff,
				vma->vm_pgoff + vma_pages(vma));
}

/*
 * A sealed channel's sender: map the slot around the fault (the unit a
 * release gives back), sealed pages read-only and the rest writable.
 * Under the seal mutex, so that a seal cannot zap between our reading a
 * count and inserting the entry (struct sipc_seal).  A write fault on a
 * sealed page is refused at once.
 */
static vm_fault_t sipc_region_insert_sealed(struct vm_fault *vmf,
					    struct sipc_channel *ch)
{
	struct vm_area_struct *vma = vmf->vma;
	struct sipc_seal *seal = ch->seal;
	unsigned long slot = ch->slot_size >> PAGE_SHIFT;
	unsigned long first = vmf->pgoff - vmf->pgoff % slot;
	unsigned long end = first + slot;
	struct sipc_fill f = {
		.vma = vma,
		.seal_ch = ch,
		.rw = vm_get_page_prot(vma->vm_flags),
	};
	vm_fault_t ret;

	first = max(first, vma->vm_pgoff);
	end = min(end, vma->vm_pgoff + vma_pages(vma));
	mutex_lock(&seal->mutex);
	if ((vmf->flags & FAULT_FLAG_WRITE) &&
	    sipc_seal_page_sealed(ch, vmf->pgoff))
		ret = VM_FAULT_SIGBUS;
	else
		ret = sipc_region_fill(&f, first, end);
	mutex_unlock(&seal->mutex);
	return ret;
}

/*
 * A store into a read-only entry of a sealed channel's sender mapping.
 * 0 lets the mm core make the entry writable; it re-checks the entry
 * under the page-table lock, and a seal zaps after raising the count, so
 * a seal racing with this can only remove the entry, never keep it.
 */
static vm_fault_t sipc_region_pfn_mkwrite(struct vm_fault *vmf)
{
	struct sipc_endpoint *ep = vmf->vma->vm_private_data;

	if (READ_ONCE(ep->revoked) || sipc_seal_page_sealed(ep->ch, vmf->pgoff))
		return VM_FAULT_SIGBUS;
	return 0;
}

/*
 * Access is decided here, at fault time, in the faulting task; revocation
 * zaps the page tables so that the next access comes back here.  A policy
 * change or a revoke may land between the check and the insertion: both
 * move their marker (sipc_policy_seq, ep->revoked) before they zap, and we
 * read the markers after inserting, so either their zap removes our
 * entries or we see the marker and decide again, zapping ourselves if
 * access is gone.
 */
static vm_fault_t sipc_region_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct sipc_endpoint *ep = vma->vm_private_data;
	struct sipc_region *r = &ep->ch->region;
	bool inserted = false;
	unsigned int seq;
	vm_fault_t ret;

	if (vmf->pgoff >= r->nr_pages)
		return VM_FAULT_SIGBUS;
	for (;;) {
		seq = atomic_read(&sipc_policy_seq);
		if (!sipc_map_allowed(ep, vma->vm_file)) {
			if (inserted)
				unmap_mapping_range(vma->vm_file->f_mapping,
						    0, 0, 1);
			return VM_FAULT_SIGBUS;
		}
		if (vma->vm_ops->pfn_mkwrite)
			ret = sipc_region_insert_sealed(vmf, ep->ch);
		else
			ret = sipc_region_insert(vmf);
		inserted = true;
		if (ret != VM_FAULT_NOPAGE)
			return ret;
		smp_mb();	/* entries in before the markers are read */
		if (seq == atomic_read(&sipc_policy_seq) &&
		    !READ_ONCE(ep->revoked))
			return ret;
	}
}

/*
 * ptrace and /proc/PID/mem: GUP cannot reach a PFN mapping, so the mm core
 * asks here.  Reads are served by copying, after the checks a fault would
 * make; writes need a writable mapping, which the receiver never has, and
 * on a sealed channel an unsealed page, checked under the seal mutex so
 * that no seal lands between the check and the copy.
 * Nothing is kept: a later revoke has no reference to take back.
 */
static int sipc_region_access(struct vm_area_struct *vma, unsigned long addr,
			      void *buf, int len, int write)
{
	struct sipc_endpoint *ep = vma->vm_private_data;
	struct sipc_region *r = &ep->ch->region;
	unsigned long off = addr - vma->vm_start;
	unsigned long pgoff = vma->vm_pgoff + (off >> PAGE_SHIFT);
	unsigned int in_page = offset_in_page(addr);
	char *kaddr;

	if (write && !(vma->vm_flags & VM_WRITE))
		return -EIO;
	if (pgoff >= r->nr_pages || !sipc_map_allowed(ep, vma->vm_file))
		return -EIO;
	len = min_t(int, len, PAGE_SIZE - in_page);
	if (write && ep->ch->seal) {
		mutex_lock(&ep->ch->seal->mutex);
		if (sipc_seal_page_sealed(ep->ch, pgoff))
			len = -EIO;
	}
	if (len > 0) {
		kaddr = kmap_local_page(r->pages[pgoff]);
		if (write)
			memcpy(kaddr + in_page, buf, len);
		else
			memcpy(buf, kaddr + in_page, len);
		kunmap_local(kaddr);
	}
	if (write && ep->ch->seal)
		mutex_unlock(&ep->ch->seal->mutex);
	return len;
}

static const struct vm_operations_struct sipc_region_vm_ops = {
	.fault = sipc_region_fault,
	.access = sipc_region_access,
};

/* The sender's mappings of a sealed channel (see the top of the file). */
static const struct vm_operations_struct sipc_region_sealed_vm_ops = {
	.fault = sipc_region_fault,
	.access = sipc_region_access,
	.pfn_mkwrite = sipc_region_pfn_mkwrite,
};

/*
 * The VMA holds a reference on the endpoint file, so @ep, its channel and
 * the pages outlive every mapping without a count of their own.
 */
int sipc_region_mmap(struct sipc_endpoint *ep, struct vm_area_struct *vma)
{
	struct sipc_channel *ch = ep->ch;
	unsigned long pages = vma_pages(vma);
	int err = 0;

	if (!(vma->vm_flags & VM_MAYSHARE))
		return -EINVAL;
	if (vma->vm_pgoff >= ch->region.nr_pages ||
	    pages > ch->region.nr_pages - vma->vm_pgoff)
		return -EINVAL;
	if (ep->role == SIPC_ROLE_RECEIVER) {
		if (vma->vm_flags & VM_WRITE)
			return -EACCES;
		vma->vm_flags &= ~VM_MAYWRITE;
	}
	if (!sipc_map_allowed(ep, vma->vm_file))
		return -EACCES;

	spin_lock(&ch->lock);
	if (ch->destroyed)
		err = -EIDRM;
	else if (!ep->inode)
		ep->inode = file_inode(vma->vm_file);	/* for zapping */
	spin_unlock(&ch->lock);
	if (err)
		return err;

	/* PFNMAP | IO: no page references, no GUP (see the top of file). */
	vma->vm_flags |= VM_PFNMAP | VM_IO | VM_DONTEXPAND | VM_DONTDUMP;
	vma->vm_private_data = ep;
	/* The mm core derives vm_page_prot from these ops after we return. */
	vma->vm_ops = ch->seal && ep->role == SIPC_ROLE_SENDER ?
		      &sipc_region_sealed_vm_ops : &sipc_region_vm_ops;
	return 0;
}
