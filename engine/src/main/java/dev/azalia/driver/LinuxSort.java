package dev.azalia.driver;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Linux's in-place bottom-up heapsort ({@code lib/sort.c}), which is not stable: elements that compare equal can
 * change their order (two equal elements come out reversed). The auto-parser sorts pins and inputs with it, so the
 * order Linux logs depends on it.
 *
 * <p>Stateless; not for lists shared between threads.
 */
final class LinuxSort
{
    private LinuxSort()
    {
    }

    /**
     * Sorts {@code list} in place exactly as Linux's {@code sort()} orders an array.
     *
     * @param list the elements (mutable, random access).
     * @param cmp  the comparison ({@code cmp_func}).
     * @param <T>  element type.
     */
    static <T> void sort(final List<T> list, final Comparator<? super T> cmp)
    {
        int n = list.size();
        int a = n / 2;
        if (a == 0)
        {
            return;
        }
        while (true)
        {
            if (a > 0)
            {
                a--;
            }
            else if (--n > 0)
            {
                Collections.swap(list, 0, n);
            }
            else
            {
                break;
            }
            int b = a;
            int c;
            int d;
            while (true)
            {
                c = 2 * b + 1;
                d = c + 1;
                if (d >= n)
                {
                    break;
                }
                b = cmp.compare(list.get(c), list.get(d)) >= 0 ? c : d;
            }
            if (d == n)
            {
                b = c;
            }
            while (b != a && cmp.compare(list.get(a), list.get(b)) >= 0)
            {
                b = (b - 1) / 2;
            }
            c = b;
            while (b != a)
            {
                b = (b - 1) / 2;
                Collections.swap(list, b, c);
            }
        }
    }
}
